namespace Alerts.Server.Outbox;

/// <summary>How one attempt of an outlet at an item ended.</summary>
internal enum OutletOutcome
{
    /// <summary>Done: the cursor moves past the item.</summary>
    Delivered,

    /// <summary>Try again after the back-off (or the receiver's Retry-After), until the outlet's give-up time.</summary>
    Failed,

    /// <summary>The receiver refused it for good (a payload it will never take): reported once, not retried.</summary>
    Rejected,

    /// <summary>Another node holds the outlet's lease now; it resumes from the saved progress.</summary>
    LeaseLost,

    /// <summary>The node is stopping: the outlet saved what it finished, and the next holder resumes from there.</summary>
    Stopped,
}
