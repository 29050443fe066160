using System.Collections.Concurrent;

namespace Alerts.Server.Syndication;

/// <summary>One edition's feeds as built at one position of its log: the lines, and each format's bytes per origin, written on first request.</summary>
internal sealed class BuiltFeeds(long latestSeq, string epoch, FeedSnapshot snapshot)
{
    private readonly ConcurrentDictionary<(FeedFormat Format, string Origin), Lazy<FeedBody>> _bodies = new();

    /// <summary>Whether nothing changed since: no event, no other epoch, no line due to leave.</summary>
    public bool Stands(long currentSeq, string currentEpoch, DateTimeOffset now) =>
        currentSeq == latestSeq && currentEpoch == epoch && now < snapshot.StandsUntil;

    public FeedBody Body(FeedFormat format, FeedLinks links) =>
        _bodies.GetOrAdd((format, links.Origin), _ => new Lazy<FeedBody>(() => FeedBody.Of(format.Write(snapshot, links)))).Value;
}
