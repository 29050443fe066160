namespace Alerts.Server.Outbox;

/// <summary>Where the item at a cursor stands: its failed attempts so far (none yet: 0) and the outlet's saved progress through it.</summary>
internal sealed record RetryState(long Seq, int Attempts, DateTimeOffset? FirstFailedAt, DateTimeOffset? NextAttemptAt, string? Progress);
