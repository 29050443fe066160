namespace Alerts.Server.Api;

/// <summary>The <c>Alerts:ApiKeys</c> section, keyed by the key's name.</summary>
internal sealed class ApiKeysOptions
{
    public const string SectionName = "Alerts:ApiKeys";

    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);
}
