using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>The <c>fcm_options</c> of a message (<c>analytics_label</c>), of APNs (<c>image</c>) and of Web Push (<c>link</c>).</summary>
internal sealed record WireFcmOptions(
    [property: JsonPropertyName("analytics_label")] string? AnalyticsLabel = null,
    [property: JsonPropertyName("image")] string? Image = null,
    [property: JsonPropertyName("link")] string? Link = null);
