using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// Runs on every node: claims due alerts from each edition's due queue (atomically, so one node acts on each)
/// and publishes scheduled ones, expires pending ones nobody approved, and finishes releases a crashed node began.
/// Its first pass runs at start, so an alert that came due while every node was down goes out then.
/// It reads each queue's earliest entry and sleeps until that comes due, or until a node tells it the queue gained an
/// entry (<see cref="DeskKeys.DueAdded"/>), or until the subscription comes back (notices sent meanwhile are lost),
/// or at the latest after <see cref="SchedulerOptions.IdleCheckInterval"/>: an idle node costs its Redis one read per
/// edition per interval (a claim is a script, and runs only where something is due).
/// </summary>
internal sealed class DeskScheduler(
    NewsDesk desk, RedisWaitingAlerts waiting, IConnectionMultiplexer redis, DeskKeys keys, Taxonomy taxonomy,
    IOptions<SchedulerOptions> options, ILogger<DeskScheduler> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>How soon a pass that failed (Redis away) is tried again.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly DueWait _wait = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollInterval is { } pollInterval)
        {
            DeskLog.RetiredPollIntervalIgnored(logger, pollInterval, options.Value.IdleCheckInterval);
        }

        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await RunAsync(taxonomy.Editions.Keys.ToArray(), stoppingToken);
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private async Task RunAsync(string[] editions, CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Before the first read, so an entry added after the read is told of.
                if (!subscribed)
                {
                    await SubscribeAsync(editions);
                    subscribed = true;
                }

                var earliest = await EarliestDueAsync(editions);
                var now = desk.Now();
                var due = editions.Where((_, i) => earliest[i] <= now).ToList();
                if (due.Count > 0)
                {
                    await Task.WhenAll(due.Select(edition => RunEditionAsync(edition, stoppingToken)));
                    // Claimed entries moved a lease ahead and more may wait beyond a batch: look again at once.
                    continue;
                }

                await _wait.WaitAsync(earliest.Min(), now, options.Value.IdleCheckInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Redis may be away for a while; the claims run out and are taken again, so keep polling.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DeskLog.SchedulerFailed(logger, e);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task SubscribeAsync(string[] editions)
    {
        var subscriber = redis.GetSubscriber();
        foreach (var edition in editions)
        {
            await subscriber.SubscribeAsync(keys.DueAdded(edition), (_, _) => _wait.Wake());
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _wait.Wake();
        }
    }

    /// <summary>
    /// The time of each edition's earliest due entry (<see cref="DateTimeOffset.MaxValue"/> for an empty queue): one
    /// <c>ZRANGE … 0 0 WITHSCORES</c> per edition, sent together. A read per queue, rather than one script over all
    /// of them, works on a Redis Cluster too, where the queues live in different slots, and costs Redis less than
    /// the script would with its inner reads.
    /// </summary>
    private async Task<DateTimeOffset[]> EarliestDueAsync(string[] editions)
    {
        var database = redis.GetDatabase();
        var reads = editions.Select(edition => database.SortedSetRangeByRankWithScoresAsync(keys.Due(edition), 0, 0)).ToArray();
        var firsts = await Task.WhenAll(reads);
        return [.. firsts.Select(first => first.Length == 0 ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score))];
    }

    private async Task RunEditionAsync(string edition, CancellationToken stoppingToken)
    {
        var claimed = await waiting.ClaimDueAsync(edition, desk.Now(), options.Value.Lease, BatchSize, stoppingToken);
        foreach (var alertId in claimed)
        {
            await ActAsync(edition, alertId, stoppingToken);
        }
    }

    private async Task ActAsync(string edition, string alertId, CancellationToken stoppingToken)
    {
        if (await waiting.FindAsync(edition, alertId, stoppingToken) is not { } entry)
        {
            await waiting.ForgetDueAsync(edition, alertId);
            return;
        }

        if (entry.Record.Releasing)
        {
            DeskLog.ReleaseTakenOver(logger, alertId, edition);
            await desk.CompleteReleaseAsync(entry, stoppingToken);
            return;
        }

        var now = desk.Now();
        var step = desk.Life.ComeDue(entry.Record.Alert, now);
        if (step.Outcome == DeskOutcome.Conflict)
        {
            await waiting.ForgetDueAsync(edition, alertId);
            return;
        }

        var alert = entry.Record.Alert;
        var actor = step.Outcome == DeskOutcome.Publish ? alert.ApprovedBy ?? alert.SubmittedBy ?? alert.Author : WaitingLife.SchedulerActor;
        var detail = step.Outcome == DeskOutcome.End
            ? alert.Status == AlertStatus.Pending ? "nobody approved it in time" : "its ticker time passed before it could be published"
            : null;
        var result = await desk.ApplyAsync(entry, step, actor, now, detail, stoppingToken);
        if (result is { Kind: DeskResultKind.Published, Event: { } published })
        {
            DeskLog.ScheduledPublished(logger, alertId, edition, published.Seq);
        }
        else if (result.Kind == DeskResultKind.Ended)
        {
            DeskLog.Expired(logger, alertId, edition);
        }
    }
}
