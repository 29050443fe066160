using System.Collections.Concurrent;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Fanout;

namespace Alerts.Server.Syndication;

/// <summary>
/// The feeds, built once per change of their edition rather than once per request: a request costs
/// one read of the latest seqs, and only the first after an event (or after a line's time is up)
/// reads the log's last events. One request builds while the others wait for it.
/// </summary>
internal sealed class FeedCache(FeedLines lines, IAlertLog log, EditionFeeds feeds, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BuiltFeeds> _built = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _building = new(StringComparer.Ordinal);
    private long _builds;

    /// <summary>How many times this node read an edition's lines for its feeds.</summary>
    public long Builds => Interlocked.Read(ref _builds);

    public async Task<FeedBody> GetAsync(Edition edition, FeedFormat format, FeedLinks links, CancellationToken cancellationToken)
    {
        var latestSeq = (await log.ReadLatestSeqsAsync(cancellationToken))[edition.Key];
        // The epoch as this node relays it: a log that went back to the same seq is another log.
        var epoch = feeds[edition.Key].Epoch;
        if (Standing(edition.Key, latestSeq, epoch) is { } standing)
        {
            return standing.Body(format, links);
        }

        var gate = _building.GetOrAdd(edition.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Standing(edition.Key, latestSeq, epoch) is not { } built)
            {
                built = new BuiltFeeds(latestSeq, epoch, await lines.ReadAsync(edition, cancellationToken));
                Interlocked.Increment(ref _builds);
                _built[edition.Key] = built;
            }

            return built.Body(format, links);
        }
        finally
        {
            gate.Release();
        }
    }

    private BuiltFeeds? Standing(string edition, long latestSeq, string epoch) =>
        _built.TryGetValue(edition, out var built) && built.Stands(latestSeq, epoch, time.GetUtcNow()) ? built : null;
}
