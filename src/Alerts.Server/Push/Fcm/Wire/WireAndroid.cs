using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>FCM's <c>AndroidConfig</c>; <c>ttl</c> is whole seconds with an <c>s</c>, as a protobuf Duration is written.</summary>
internal sealed record WireAndroid(
    [property: JsonPropertyName("collapse_key")] string? CollapseKey,
    [property: JsonPropertyName("priority")] string? Priority,
    [property: JsonPropertyName("ttl")] string? Ttl,
    [property: JsonPropertyName("notification")] WireAndroidNotification? Notification);
