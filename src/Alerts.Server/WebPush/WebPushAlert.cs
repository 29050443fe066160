using System.Text.Json.Serialization;

namespace Alerts.Server.WebPush;

/// <summary>The alert's identity in a Web Push payload: <c>type</c> is <c>published</c>, <c>corrected</c> or <c>retracted</c>.</summary>
internal sealed record WebPushAlert(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("edition")] string Edition,
    [property: JsonPropertyName("urgency")] string Urgency,
    [property: JsonPropertyName("seq")] long Seq);
