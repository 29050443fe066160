using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push;

/// <summary>
/// Runs on every node. The event log is the outbox: each edition's log is followed from a cursor in
/// Redis, and the events that notify phones become jobs in the same atomic step that moves the cursor,
/// so however many nodes read the log, each push is queued once. Then it leases due jobs, one at a time.
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

        // Cursors start at the log's end when push is first switched on, so old alerts are not pushed late.
        try
        {
            var latest = await log.ReadLatestSeqsAsync(cancellationToken);
            foreach (var (edition, seq) in latest)
            {
                await queue.InitCursorAsync(edition, seq, cancellationToken);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            PushLog.DispatcherFailed(logger, e);
        }

        PushLog.DispatcherStarted(logger, options.Value.Mode);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var edition in taxonomy.Editions.Keys)
                {
                    await EnqueueAsync(edition, stoppingToken);
                }

                while (await queue.LeaseAsync(options.Value.LeaseDuration, stoppingToken) is { } job)
                {
                    await runner.RunAsync(job, stoppingToken);
                }

                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                PushLog.DispatcherFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task EnqueueAsync(string edition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var cursor = await queue.CursorAsync(edition, cancellationToken);
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
    private static bool NotifiesPhones(AlertEvent alertEvent) =>
        alertEvent.Type == AlertEventType.Retracted || alertEvent.Alert.Push;
}
