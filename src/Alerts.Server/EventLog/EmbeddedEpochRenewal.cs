using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>
/// Starts every edition of the embedded store on a new epoch, before the relay reads the epochs.
/// The node and its store start together from the data directory, and nothing tells a directory
/// restored from an older copy (or an append-only file that lost its tail) from the one this node
/// last ran on: the log may hand out again seqs that tickers applied. A new epoch makes every ticker
/// that resumes across a restart take the ticker (<c>reset</c>) once, instead of trusting its seq.
/// A configured Redis is shared by many nodes that restart one by one, so there the epoch moves only
/// when a node sees the log go backwards (see docs/ticker.md).
/// </summary>
internal sealed class EmbeddedEpochRenewal(IConfiguration configuration, IConnectionMultiplexer redis, ILogEpochs epochs, Taxonomy taxonomy, ILogger<EmbeddedEpochRenewal> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            return;
        }

        // The embedded store is in this process: it answers at once, or the node cannot work at all.
        await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        foreach (var edition in taxonomy.Editions.Keys)
        {
            var epoch = await epochs.ReadAsync(edition, cancellationToken);
            if (epoch.Length > 0)
            {
                EventLogLog.EpochRenewedAtStart(logger, edition, epoch, await epochs.MoveOnAsync(edition, epoch, cancellationToken));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
