using Alerts.Core.Alerts;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>
/// Runs an <see cref="OutboxWorker"/> for every outlet and each of its editions. Every node runs them all;
/// the lease in Redis lets one node at a time work each pair.
/// </summary>
internal sealed class OutboxDispatcher(
    IEnumerable<IOutletSet> outlets, OutboxCursors cursors, IAlertLog log, OutboxWakeups wakeups, OutboxDeliveryLog deliveries, OutletReach reach, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private readonly List<OutboxWorker> _workers = [];

    /// <summary>
    /// Places every new cursor at the log's end before the node serves requests, so an alert published
    /// once the node answers is one the outlet receives.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var pairs = outlets.SelectMany(set => set.Outlets).SelectMany(outlet => outlet.Editions.Select(edition => (Outlet: outlet, Cursor: cursors.Open(outlet.Name, edition)))).ToList();
        if (pairs.Count > 0)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var latest = await log.ReadLatestSeqsAsync(timeout.Token);
                await Task.WhenAll(pairs.Select(p => p.Cursor.ReadOrStartAtAsync(latest[p.Cursor.Edition], timeout.Token)));
            }
            catch (Exception e) when (e is RedisException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                OutboxLog.StartCursorsFailed(logger, e);
            }
        }

        _workers.AddRange(pairs.Select(p => new OutboxWorker(p.Cursor, p.Outlet, log, wakeups, deliveries, reach, time, logger)));
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_workers.Select(worker => Task.Run(() => worker.RunAsync(stoppingToken), CancellationToken.None)));
}
