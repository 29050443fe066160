using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Core.Serialization;

/// <summary>The one JSON shape of the contract: camelCase, enums as camelCase strings, UTC times, nulls omitted.</summary>
public static class AlertsJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the contract's conventions to options owned by a framework (HTTP, SignalR).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
