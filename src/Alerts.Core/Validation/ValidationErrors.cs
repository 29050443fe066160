namespace Alerts.Core.Validation;

/// <summary>Per-field validation messages, keyed by the JSON name of the field (camelCase).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The shape ASP.NET Core's <c>ValidationProblemDetails</c> expects.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
