using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// One client-to-server record of SignalR's JSON hub protocol: the handshake (protocol, version) or
/// a message (type, and for an invocation its id, target and arguments).
/// </summary>
internal sealed class HubRequest
{
    public const int Invocation = 1;
    public const int StreamInvocation = 4;
    public const int Close = 7;

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("version")]
    public int Version { get; init; }

    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("invocationId")]
    public string? InvocationId { get; init; }

    [JsonPropertyName("target")]
    public string? Target { get; init; }

    [JsonPropertyName("arguments")]
    public JsonElement[]? Arguments { get; init; }

    /// <summary>Null when the record is not a JSON object.</summary>
    public static HubRequest? Parse(ReadOnlySpan<byte> record)
    {
        try
        {
            return JsonSerializer.Deserialize<HubRequest>(record);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
