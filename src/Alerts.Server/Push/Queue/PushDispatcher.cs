using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

using Alerts.Server.Push.Sending;

namespace Alerts.Server.Push.Queue;

/// <summary>
/// Runs on every node. The event log is the outbox: each edition's log is followed from a cursor in
/// Redis, and the events that notify phones become jobs in the same atomic step that moves the cursor,
/// so however many nodes read the log, each push is queued once. Workers then lease due jobs.
/// </summary>
internal sealed class PushDispatcher(
    PushStatus status, IAlertLog log, PushQueue queue, PushJobRunner runner, Taxonomy taxonomy, IOptions<PushOptions> options, ILogger<PushDispatcher> logger)
    : BackgroundService
{
    private const int PageSize = 200;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!status.IsEnabled)
        {
            return;
        }

        PushLog.DispatcherStarted(logger, options.Value.Mode);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartCursorsAsync(stoppingToken);
        await Task.WhenAll([
            RepeatAsync(EnqueueAllAsync, stoppingToken),
            .. Enumerable.Range(0, options.Value.JobsPerNode).Select(_ => RepeatAsync(WorkAsync, stoppingToken)),
        ]);
    }

    /// <summary>
    /// Starts each edition's cursor at the log's latest seq unless it has one, retrying until Redis
    /// answers: nothing is queued before, so enabling push never sends an alert published before it.
    /// </summary>
    private async Task StartCursorsAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var latest = await log.ReadLatestSeqsAsync(stoppingToken);
                foreach (var edition in taxonomy.Editions.Keys)
                {
                    await queue.InitCursorAsync(edition, latest.GetValueOrDefault(edition), stoppingToken);
                }

                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                PushLog.CursorsNotStarted(logger, options.Value.PollInterval, e);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Runs <paramref name="step"/> until the node stops, pausing a poll interval whenever it found nothing to do or failed.</summary>
    private async Task RepeatAsync(Func<CancellationToken, Task<bool>> step, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await step(stoppingToken))
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever one job throws must not stop the host (a failed BackgroundService does); its lease runs out and it is tried again.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PushLog.DispatcherFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<bool> EnqueueAllAsync(CancellationToken stoppingToken)
    {
        foreach (var edition in taxonomy.Editions.Keys)
        {
            await EnqueueAsync(edition, stoppingToken);
        }

        return false;
    }

    // Several workers per node, so a flash alert is not queued behind a long job of an earlier alert.
    private async Task<bool> WorkAsync(CancellationToken stoppingToken)
    {
        if (await queue.LeaseAsync(options.Value.LeaseDuration, stoppingToken) is not { } job)
        {
            return false;
        }

        await runner.RunAsync(job, stoppingToken);
        return true;
    }

    private async Task EnqueueAsync(string edition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A cursor that vanished (a flushed or restored Redis) starts again at the log's end, never at 0.
            if (await queue.CursorAsync(edition, cancellationToken) is not { } cursor)
            {
                var latest = await log.ReadLatestSeqsAsync(cancellationToken);
                await queue.InitCursorAsync(edition, latest.GetValueOrDefault(edition), cancellationToken);
                continue;
            }

            var page = await log.ReadAsync(edition, cursor, PageSize, cancellationToken);
            if (page.Events.Count == 0)
            {
                return;
            }

            if (page.IsGapAfter(cursor))
            {
                PushLog.OutboxFellBehind(logger, edition, cursor + 1, page.OldestSeq - 1);
            }

            var jobs = page.Events
                .Select(e => (Event: JsonSerializer.Deserialize<AlertEvent>(e.Json, AlertsJson.Options)!, e.Json))
                .Where(e => NotifiesPhones(e.Event))
                .ToList();
            var last = page.Events[^1].Seq;
            if (await queue.EnqueueAsync(edition, cursor, last, jobs, cancellationToken) && jobs.Count > 0)
            {
                PushLog.Queued(logger, edition, jobs.Count, last);
            }
        }
    }

    // A retraction is queued as a candidate; the enqueue script keeps it only if the alert was pushed before.
    // An earlier event of a retracted alert has lost its content in the log: too late to push it.
    private static bool NotifiesPhones(AlertEvent alertEvent) =>
        alertEvent.Type == AlertEventType.Retracted || (alertEvent.Alert.Push && alertEvent.Alert.Status != AlertStatus.Retracted);
}
