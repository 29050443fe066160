namespace Alerts.Server.Push.Fcm;

/// <summary>APNs-specific options: HTTP/2 headers for Apple and the <c>aps</c> dictionary.</summary>
internal sealed record ApnsConfig
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public Aps? Aps { get; init; }

    /// <summary><c>fcm_options.image</c>: the picture FCM's Notification Service Extension helper attaches.</summary>
    public string? ImageUrl { get; init; }
}
