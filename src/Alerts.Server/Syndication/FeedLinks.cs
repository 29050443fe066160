namespace Alerts.Server.Syndication;

/// <summary>
/// The addresses a feed names, after <paramref name="origin"/>: the configured public address, or
/// empty when the node knows none, and then relative (<see cref="IsAbsolute"/> is false).
/// </summary>
internal sealed class FeedLinks(string origin, string edition)
{
    public bool IsAbsolute => origin.Length > 0;

    public string Origin => origin;

    public string Home => $"{origin}/";

    public string AtomFeed => $"{origin}/api/v1/editions/{edition}/feed.atom";

    public string JsonFeed => $"{origin}/api/v1/editions/{edition}/feed.json";

    public string Alert(string id) => $"{origin}/api/v1/alerts/{Uri.EscapeDataString(id)}";

    /// <summary>An Atom id must be an absolute IRI: the feed's address when known, else a name of the edition's feed.</summary>
    public string AtomFeedId => IsAbsolute ? AtomFeed : $"urn:alerts:feed:{edition}";

    /// <summary>An entry's Atom id: the alert's address when known, else a name of the alert.</summary>
    public string AlertId(string id) => IsAbsolute ? Alert(id) : $"urn:alerts:alert:{Uri.EscapeDataString(id)}";
}
