using StackExchange.Redis;

namespace Alerts.Server.Judgement;

/// <summary>Live ticker readers of an edition across every node whose heartbeat is current.</summary>
internal sealed class LiveReaders(IConnectionMultiplexer redis, JudgementKeys keys, TimeProvider time)
{
    public async Task<(long Readers, int Nodes)> CountAsync(string edition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Readers).WaitAsync(cancellationToken);
        var live = entries.Select(ReaderEntry.Parse)
            .OfType<ReaderEntry>()
            .Where(entry => entry.Edition == edition && entry.ExpiresAtMs > now)
            .ToList();
        return (live.Sum(entry => entry.Readers), live.Count);
    }
}
