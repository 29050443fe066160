namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// One POST of one event to one webhook, as its delivery log shows it to admins. The outcome is
/// <c>delivered</c>, <c>failed</c> (tried again at the next attempt time) or <c>abandoned</c>
/// (failing for longer than the retry limit); the status is the receiver's, null when none came.
/// </summary>
internal sealed record WebhookAttempt(
    DateTimeOffset At,
    string Edition,
    long Seq,
    string MessageId,
    string Type,
    string AlertId,
    int Attempt,
    string Outcome,
    int? Status,
    string? Error,
    long DurationMs,
    DateTimeOffset? NextAttemptAt);
