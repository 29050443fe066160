namespace Alerts.Server.Syndication;

/// <summary>Absolute addresses a feed names, from the address the request reached.</summary>
internal sealed class FeedLinks(string origin, string edition)
{
    public string Home => $"{origin}/";

    public string AtomFeed => $"{origin}/api/v1/editions/{edition}/feed.atom";

    public string JsonFeed => $"{origin}/api/v1/editions/{edition}/feed.json";

    public string Alert(string id) => $"{origin}/api/v1/alerts/{Uri.EscapeDataString(id)}";

    public static FeedLinks For(HttpRequest request, string edition) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}", edition);
}
