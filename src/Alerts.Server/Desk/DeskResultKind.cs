namespace Alerts.Server.Desk;

internal enum DeskResultKind
{
    Waiting,
    Ended,
    Published,

    /// <summary>Another request changed the alert first: nothing changed (409).</summary>
    Raced,

    /// <summary>The alert was published by another node already.</summary>
    AlreadyPublished,

    /// <summary>The Idempotency-Key was used with another body (422).</summary>
    IdempotencyMismatch,
}
