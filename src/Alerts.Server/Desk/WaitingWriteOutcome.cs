namespace Alerts.Server.Desk;

/// <summary>What a compare-and-set step on a waiting record did.</summary>
internal enum WaitingWriteOutcome
{
    Changed,

    /// <summary>Someone else changed the record since it was read: nothing changed.</summary>
    Conflict,

    /// <summary>The Idempotency-Key was used before: nothing changed; see the stored value.</summary>
    Replayed,
}
