using System.Text.Json.Serialization;

namespace Alerts.Server.WebPush;

/// <summary>
/// What a subscription is sent, encrypted: the Declarative Web Push form (<c>web_push: 8030</c> and a
/// <c>notification</c>), which Safari shows without a service worker, and the alert's identity for
/// <c>push-sw.js</c>, which shows the same notification everywhere else.
/// </summary>
internal sealed record WebPushPayload(
    [property: JsonPropertyName("web_push")] int WebPush,
    [property: JsonPropertyName("notification")] WebPushNotification Notification,
    [property: JsonPropertyName("alert")] WebPushAlert Alert);
