using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Alerts;

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
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitRemovedContent);
        return options;
    }

    /// <summary>A retracted alert's public view has no headline and no author: omitted, not sent as empty strings.</summary>
    private static void OmitRemovedContent(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(Alert))
        {
            return;
        }

        foreach (var property in typeInfo.Properties.Where(p => p.Name is "headline" or "author"))
        {
            property.ShouldSerialize = (_, value) => !string.IsNullOrEmpty((string?)value);
        }
    }
}
