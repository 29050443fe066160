using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>Apple's <c>aps</c> dictionary, in Apple's key names; <see cref="Custom"/> carries the keys not named here at the same level.</summary>
/// <remarks>
/// <see cref="Custom"/> has a plain setter: source generation sets init-only members through the constructor, and extension
/// data cannot bind to a constructor parameter.
/// </remarks>
internal sealed class WireAps
{
    [JsonPropertyName("thread-id")]
    public string? ThreadId { get; init; }

    [JsonPropertyName("sound")]
    public string? Sound { get; init; }

    [JsonPropertyName("content-available")]
    public int? ContentAvailable { get; init; }

    [JsonPropertyName("mutable-content")]
    public int? MutableContent { get; init; }

    [JsonExtensionData]
    public Dictionary<string, object>? Custom { get; set; }
}
