namespace Alerts.Server.Push.Fcm;

/// <summary>The notification every platform shows.</summary>
internal sealed record Notification
{
    public string? Title { get; init; }

    public string? Body { get; init; }
}
