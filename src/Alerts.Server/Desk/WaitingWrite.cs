namespace Alerts.Server.Desk;

/// <summary>The outcome of a step; for a replay, the first request's <c>{body hash}:{alert id}</c>.</summary>
internal sealed record WaitingWrite(WaitingWriteOutcome Outcome, string? Replayed = null);
