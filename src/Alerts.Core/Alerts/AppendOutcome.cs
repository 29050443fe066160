namespace Alerts.Core.Alerts;

/// <summary>What appending an event to the log did.</summary>
public enum AppendOutcome
{
    /// <summary>The event was stored, given its seq and published.</summary>
    Appended,

    /// <summary>The idempotency id was already used: nothing changed, the first event is returned.</summary>
    Replayed,

    /// <summary>The alert changed since it was read: nothing changed.</summary>
    RevisionConflict,
}
