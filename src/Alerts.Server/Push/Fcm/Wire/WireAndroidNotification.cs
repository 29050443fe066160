using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>FCM's <c>AndroidNotification</c>.</summary>
internal sealed record WireAndroidNotification(
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("sound")] string? Sound);
