using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>Opens the cursor of an outlet's edition; every node's cursors of one pair are the same Redis keys.</summary>
internal sealed class OutboxCursors(IConnectionMultiplexer redis, OutboxKeys keys, NodeIdentity node)
{
    public OutboxCursor Open(string outlet, string edition) => new(redis, keys, node, outlet, edition);

    /// <summary>Where the outlet stands in each of <paramref name="editions"/>: the seq it is done with, null before its first start.</summary>
    public async Task<IReadOnlyDictionary<string, long?>> ReadAsync(string outlet, IEnumerable<string> editions, CancellationToken cancellationToken)
    {
        var positions = new SortedDictionary<string, long?>(StringComparer.Ordinal);
        foreach (var edition in editions)
        {
            positions[edition] = await Open(outlet, edition).ReadAsync(cancellationToken);
        }

        return positions;
    }
}
