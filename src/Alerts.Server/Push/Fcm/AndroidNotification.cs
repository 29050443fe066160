namespace Alerts.Server.Push.Fcm;

/// <summary>Android notification options.</summary>
internal sealed record AndroidNotification
{
    /// <summary>A notification with the same tag replaces the shown one.</summary>
    public string? Tag { get; init; }

    public string? ChannelId { get; init; }

    public string? Sound { get; init; }
}
