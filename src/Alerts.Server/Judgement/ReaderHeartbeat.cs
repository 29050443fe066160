using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Judgement;

/// <summary>
/// Writes this node's live ticker readers per edition to Redis every heartbeat, drops entries of
/// nodes that stopped beating, and removes its own on a clean stop, so the audience figure is the
/// sum over the nodes that are alive.
/// </summary>
internal sealed class ReaderHeartbeat(
    IConnectionMultiplexer redis,
    JudgementKeys keys,
    NodeIdentity node,
    AlertsMetrics metrics,
    Taxonomy taxonomy,
    IOptions<AudienceOptions> options,
    TimeProvider time,
    ILogger<ReaderHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                JudgementLog.HeartbeatFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            var fields = taxonomy.Editions.Keys.Select(edition => (RedisValue)new ReaderEntry(node.Id, edition, 0, 0).Field).ToArray();
            await redis.GetDatabase().HashDeleteAsync(keys.Readers, fields).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            // Its entries expire on their own within the node timeout.
            JudgementLog.HeartbeatFailed(logger, exception);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expiresAt = now + (long)options.Value.NodeTimeout.TotalMilliseconds;
        var counts = metrics.SubscriptionsByEdition;
        var entries = taxonomy.Editions.Keys
            .Select(edition => new ReaderEntry(node.Id, edition, Math.Max(0, counts.GetValueOrDefault(edition)), expiresAt))
            .Select(entry => new HashEntry(entry.Field, entry.Value))
            .ToArray();
        var database = redis.GetDatabase();
        await database.HashSetAsync(keys.Readers, entries).WaitAsync(cancellationToken);

        var stale = (await database.HashGetAllAsync(keys.Readers).WaitAsync(cancellationToken))
            .Where(entry => ReaderEntry.Parse(entry) is not { } parsed || parsed.ExpiresAtMs <= now)
            .Select(entry => entry.Name)
            .ToArray();
        if (stale.Length > 0)
        {
            await database.HashDeleteAsync(keys.Readers, stale).WaitAsync(cancellationToken);
        }
    }
}
