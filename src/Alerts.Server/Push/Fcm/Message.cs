namespace Alerts.Server.Push.Fcm;

/// <summary>
/// One FCM message, shaped like FirebaseAdmin's <c>Message</c> so that package can replace this client.
/// Exactly one of <see cref="Token"/> and <see cref="Condition"/> names the target.
/// </summary>
internal sealed record Message
{
    public string? Token { get; init; }

    public string? Condition { get; init; }

    public Notification? Notification { get; init; }

    /// <summary>FCM data values must be strings.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public AndroidConfig? Android { get; init; }

    public ApnsConfig? Apns { get; init; }

    public WebpushConfig? Webpush { get; init; }

    /// <summary><c>fcm_options.analytics_label</c>: what FCM's delivery data is grouped by.</summary>
    public string? AnalyticsLabel { get; init; }
}
