namespace Alerts.Core.Editions;

/// <summary>The editions, sections and regions a deployment knows.</summary>
public sealed class Taxonomy
{
    public Taxonomy(IEnumerable<Edition> editions, IEnumerable<string> sections, IEnumerable<string> regions)
    {
        Editions = editions.ToDictionary(e => e.Key, StringComparer.Ordinal);
        Sections = new HashSet<string>(sections, StringComparer.Ordinal);
        Regions = new HashSet<string>(regions, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Edition> Editions { get; }

    public IReadOnlySet<string> Sections { get; }

    public IReadOnlySet<string> Regions { get; }
}
