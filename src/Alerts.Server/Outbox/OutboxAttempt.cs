namespace Alerts.Server.Outbox;

/// <summary>One attempt of an outlet at one event, as its delivery log shows it to admins.</summary>
internal sealed record OutboxAttempt(
    DateTimeOffset At,
    string Edition,
    long Seq,
    string MessageId,
    Alerts.Core.Alerts.AlertEventType Type,
    string AlertId,
    int Attempt,
    AttemptOutcome Outcome,
    int? Status,
    string? Error,
    long DurationMs,
    DateTimeOffset? NextAttemptAt);
