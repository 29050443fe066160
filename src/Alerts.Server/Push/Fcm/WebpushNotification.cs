namespace Alerts.Server.Push.Fcm;

/// <summary>Browser notification options.</summary>
internal sealed record WebpushNotification
{
    /// <summary>A notification with the same tag replaces the shown one.</summary>
    public string? Tag { get; init; }
}
