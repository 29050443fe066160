using System.Text.Json.Serialization;

namespace Alerts.Server.WebPush;

/// <summary>The notification a browser shows, in the member names of the Notifications API and Declarative Web Push.</summary>
internal sealed record WebPushNotification(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("dir")] string Dir,
    [property: JsonPropertyName("navigate")] string? Navigate,
    [property: JsonPropertyName("silent")] bool Silent,
    [property: JsonPropertyName("timestamp")] long Timestamp);
