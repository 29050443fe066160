namespace Alerts.Core.Alerts;

/// <summary>An alert's current state and its revision (the number of events it has had).</summary>
/// <remarks>The revision is what a change is checked against, so two concurrent corrections cannot both win.</remarks>
public sealed record AlertRecord(Alert Alert, int Revision);
