using System.Collections.Concurrent;
using Alerts.Server.Fanout;

namespace Alerts.Server.Tests.Fanout;

/// <summary>Counts, per event (resets aside), how often one node read its header and built each wire format of it.</summary>
internal sealed class CountingRelayWork : IRelayWork
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public void Parsed(string edition, long seq) => _counts.AddOrUpdate($"parse {edition}:{seq}", 1, (_, n) => n + 1);

    public void Encoded(string encoding, FeedMessageKind kind, string edition, long seq)
    {
        // A reset is the ticker as read for one subscriber (or for all, after a rewind): not an event.
        if (kind == FeedMessageKind.Alert)
        {
            _counts.AddOrUpdate($"{encoding} {edition}:{seq}", 1, (_, n) => n + 1);
        }
    }

    public int Count(string prefix) => _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);
}
