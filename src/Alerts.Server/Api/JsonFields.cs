using System.Text.Json;
using Alerts.Core.Validation;

namespace Alerts.Server.Api;

/// <summary>
/// Reads typed fields out of a JSON object, adding a per-field message for a wrong type, an unknown
/// field or a field only the server may set, instead of failing on the first problem.
/// </summary>
internal sealed class JsonFields(JsonElement root, ValidationErrors errors)
{
    private static readonly HashSet<string> ServerAssigned = new(StringComparer.Ordinal)
    {
        "id", "seq", "author", "status", "publishedAt", "updatedAt", "expiresAt", "version", "at", "type",
    };

    /// <summary>Adds a message for every member that is not in <paramref name="allowed"/>.</summary>
    public void RejectOthers(IReadOnlySet<string> allowed)
    {
        foreach (var property in root.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
        {
            errors.Add(property.Name, ServerAssigned.Contains(property.Name)
                ? "is assigned by the server and cannot be sent."
                : $"is not a known field; expected one of: {string.Join(", ", allowed)}.");
        }
    }

    public bool Has(string name) => root.TryGetProperty(name, out _);

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, "must be a string.");
            return null;
        }

        return Text(name, value);
    }

    public bool? Boolean(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(name, "must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add(name, "must be an array of strings.");
            return null;
        }

        if (value.GetArrayLength() > 32)
        {
            errors.Add(name, "may name at most 32 entries.");
            return null;
        }

        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (Text(name, item) is not { } text)
            {
                return null;
            }

            strings.Add(text);
        }

        return strings;
    }

    // A lone surrogate escaped in JSON ("\ud800") is valid JSON but not valid text.
    private string? Text(string name, JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(name, "contains invalid Unicode (a lone surrogate).");
            return null;
        }
    }
}
