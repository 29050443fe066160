namespace Alerts.Server.Syndication;

/// <summary>One way to write a feed: Atom or JSON Feed.</summary>
internal sealed record FeedFormat(string ContentType, Func<FeedSnapshot, FeedLinks, byte[]> Write)
{
    public static readonly FeedFormat Atom = new(AtomFeedWriter.ContentType, AtomFeedWriter.Write);

    public static readonly FeedFormat Json = new(JsonFeedWriter.ContentType, JsonFeedWriter.Write);
}
