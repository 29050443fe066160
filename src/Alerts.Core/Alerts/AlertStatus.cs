namespace Alerts.Core.Alerts;

/// <summary>The state an alert is in after its latest event.</summary>
public enum AlertStatus
{
    Published,
    Corrected,
    Retracted,

    /// <summary>Waits for a second person's approval; not in the log, invisible to the public.</summary>
    Pending,

    /// <summary>Waits for its <see cref="Alert.PublishAt"/>; not in the log, invisible to the public.</summary>
    Scheduled,

    /// <summary>Ended without publication: a chief refused it.</summary>
    Rejected,

    /// <summary>Ended without publication: withdrawn while it waited.</summary>
    Cancelled,

    /// <summary>Ended without publication: nobody approved it in time, or it came due after its ticker time had passed.</summary>
    Expired,
}
