namespace Alerts.Server.Push.Sending;

/// <summary>How a preview's test send went: one line per test device (tokens shortened), and how many took every message.</summary>
internal sealed record TestSend(int Devices, int Accepted, IReadOnlyList<string> Failures);
