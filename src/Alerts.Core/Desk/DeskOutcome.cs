namespace Alerts.Core.Desk;

/// <summary>What a step of an alert's life before publication leads to.</summary>
public enum DeskOutcome
{
    /// <summary>The alert goes out now: append it to the log.</summary>
    Publish,

    /// <summary>The alert waits (pending or scheduled); nothing reaches the public.</summary>
    Wait,

    /// <summary>The alert's life ended without publication (rejected, cancelled, expired).</summary>
    End,

    /// <summary>The key may not do this (403); nothing changes.</summary>
    Refused,

    /// <summary>The alert is no longer in a state that allows this (409); nothing changes.</summary>
    Conflict,
}
