namespace Alerts.Server.Push.Fcm;

/// <summary>The notification every platform shows.</summary>
internal sealed record Notification
{
    public string? Title { get; init; }

    public string? Body { get; init; }

    /// <summary>An https URL of a picture the notification shows.</summary>
    public string? ImageUrl { get; init; }
}
