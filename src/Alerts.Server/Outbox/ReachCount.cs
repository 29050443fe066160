namespace Alerts.Server.Outbox;

/// <summary>What an outlet did with an alert's event, per target: the delivery report's counters for the outlet.</summary>
internal enum ReachCount
{
    /// <summary>A first notice of the alert went out.</summary>
    Sent,

    /// <summary>A correction or withdrawal went out in place of what the target had.</summary>
    Replaced,

    /// <summary>The target is gone (unsubscribed, uninstalled) and was forgotten.</summary>
    Pruned,

    Failed,

    /// <summary>The target was not meant to get this event: not its sections, quiet hours, over its cap, never shown the alert, a type it does not take.</summary>
    NotApplicable,
}
