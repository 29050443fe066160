using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>The body of <c>messages:send</c>.</summary>
internal sealed record SendRequest(
    [property: JsonPropertyName("validate_only")] bool? ValidateOnly,
    [property: JsonPropertyName("message")] WireMessage Message);
