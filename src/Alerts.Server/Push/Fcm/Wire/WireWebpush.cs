using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>FCM's <c>WebpushConfig</c>.</summary>
internal sealed record WireWebpush(
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("notification")] WireWebpushNotification? Notification,
    [property: JsonPropertyName("fcm_options")] WireFcmOptions? FcmOptions);
