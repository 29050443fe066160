using System.Text.Json.Serialization;

namespace Alerts.Server.WebPush;

/// <summary>The claims of a VAPID token (RFC 8292 section 2).</summary>
internal sealed record VapidClaims(
    [property: JsonPropertyName("aud")] string Audience,
    [property: JsonPropertyName("exp")] long ExpiresAt,
    [property: JsonPropertyName("sub")] string Subject);
