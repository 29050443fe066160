namespace Alerts.Server.Newsroom;

/// <summary>What claiming an <c>Idempotency-Key</c> found.</summary>
internal enum IdempotencyClaim
{
    /// <summary>First use: go ahead.</summary>
    Claimed,

    /// <summary>Used before with this body and finished: the log replays the first result.</summary>
    Completed,

    /// <summary>Used with this body by a request still running.</summary>
    InFlight,

    /// <summary>Used before with a different body.</summary>
    Mismatch,
}
