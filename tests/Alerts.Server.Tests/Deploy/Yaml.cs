using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Alerts.Server.Tests.Deploy;

/// <summary>YAML as plain maps, lists and strings (merge keys resolved), with paths that fail with the path in the message.</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Dictionary<object, object>> ReadDocuments(string yaml)
    {
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(Deserializer.Deserialize<Dictionary<object, object>>(parser));
        }

        return documents;
    }

    public static Dictionary<object, object> Map(object node, params string[] path) =>
        At(node, path) as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is not a map.");

    public static List<object> List(object node, params string[] path) =>
        At(node, path) as List<object> ?? throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is not a list.");

    public static string Text(object node, params string[] path) =>
        At(node, path) as string ?? throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is not a scalar.");

    public static object? Find(object node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not Dictionary<object, object> map || !map.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static object At(object node, string[] path) =>
        Find(node, path) ?? throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is missing.");
}
