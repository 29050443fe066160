namespace Alerts.Server.Push.Targets;

/// <summary>One device's pending topic changes, queued in Redis until the mirror sends them to Instance ID.</summary>
internal sealed record TopicChange(string Token, IReadOnlyList<string> Add, IReadOnlyList<string> Remove);
