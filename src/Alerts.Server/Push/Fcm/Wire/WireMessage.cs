using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>FCM HTTP v1's <c>Message</c>, in the field names Google documents.</summary>
internal sealed record WireMessage(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("condition")] string? Condition,
    [property: JsonPropertyName("notification")] WireNotification? Notification,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, string>? Data,
    [property: JsonPropertyName("android")] WireAndroid? Android,
    [property: JsonPropertyName("apns")] WireApns? Apns,
    [property: JsonPropertyName("webpush")] WireWebpush? Webpush,
    [property: JsonPropertyName("fcm_options")] WireFcmOptions? FcmOptions);
