using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

/// <summary>
/// Runs on every node: claims due alerts from each edition's due queue (atomically, so one node acts on each)
/// and publishes scheduled ones, expires pending ones nobody approved, and finishes releases a crashed node began.
/// Its first pass runs at start, so an alert that came due while every node was down goes out then.
/// </summary>
internal sealed class DeskScheduler(
    NewsDesk desk, RedisWaitingAlerts waiting, Taxonomy taxonomy, IOptions<SchedulerOptions> options, ILogger<DeskScheduler> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAll(taxonomy.Editions.Keys.Select(edition => RunEditionAsync(edition, stoppingToken)));
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Redis may be away for a while; the claims run out and are taken again, so keep polling.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DeskLog.SchedulerFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
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
