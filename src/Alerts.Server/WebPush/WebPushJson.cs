using System.Text.Json.Serialization;

namespace Alerts.Server.WebPush;

/// <summary>The Web Push wire JSON, generated at build time with the member names the specifications use.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VapidClaims))]
[JsonSerializable(typeof(WebPushPayload))]
internal sealed partial class WebPushJson : JsonSerializerContext;
