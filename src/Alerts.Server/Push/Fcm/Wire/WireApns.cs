using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>FCM's <c>ApnsConfig</c>: Apple's headers and the payload Apple receives.</summary>
internal sealed record WireApns(
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("payload")] WireApnsPayload? Payload,
    [property: JsonPropertyName("fcm_options")] WireFcmOptions? FcmOptions);
