namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Where the retries of the event at a cursor stand.</summary>
internal sealed record RetryState(long Seq, int Attempts, DateTimeOffset FirstFailedAt, DateTimeOffset NextAttemptAt);
