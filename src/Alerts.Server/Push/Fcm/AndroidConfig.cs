namespace Alerts.Server.Push.Fcm;

/// <summary>Android-specific options of a message.</summary>
internal sealed record AndroidConfig
{
    public string? CollapseKey { get; init; }

    public Priority? Priority { get; init; }

    /// <summary>How long FCM keeps the message for an offline device; whole seconds on the wire.</summary>
    public TimeSpan? TimeToLive { get; init; }

    public AndroidNotification? Notification { get; init; }
}
