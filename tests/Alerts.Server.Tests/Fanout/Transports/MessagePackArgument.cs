using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>
/// An argument as SignalR's MessagePack protocol hands it to a handler taking <see cref="object"/>
/// (maps as dictionaries, arrays as object arrays, scalars boxed), back as the JSON it stands for.
/// </summary>
public static class MessagePackArgument
{
    public static JsonElement ToJson(object? argument) => JsonSerializer.SerializeToElement(ToNode(argument));

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create((string)p.Key, ToNode(p.Value)))),
        object?[] items => new JsonArray([.. items.Select(ToNode)]),
        _ => JsonSerializer.SerializeToNode(value),
    };
}
