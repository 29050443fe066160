namespace Alerts.Server.Push.Fcm;

/// <summary>Web push options: Web Push protocol headers (<c>TTL</c>, <c>Urgency</c>), the notification's tag and the page a click opens.</summary>
internal sealed record WebpushConfig
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public WebpushNotification? Notification { get; init; }

    /// <summary>Opened when the notification is clicked; FCM accepts HTTPS links only.</summary>
    public string? Link { get; init; }
}
