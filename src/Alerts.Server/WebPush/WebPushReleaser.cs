using Alerts.Core.Alerts;
using Alerts.Server.Outbox;
using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

/// <summary>
/// Runs on every node: sends each subscription held for its quiet hours the alert as it stands when they end, as
/// phones get it. A correction made meanwhile reaches them instead of the text it replaced; a retracted alert (they
/// never saw it) or one that left the ticker sends nothing. Counted in the outlet's report for the alert's latest
/// event, as first notices; the hourly cap applies when they wake. Between claims it sleeps until the earliest hold
/// wakes, or this node holds another, or the outlet's <c>IdleCheckInterval</c> passed (what another node held since):
/// an idle node looks at the holds once per interval.
/// </summary>
internal sealed class WebPushReleaser(
    WebPushHolds holds, WebPushOutlet outlet, WebPushRegistry registry, WebPushMessages messages, IAlertLog log, OutletReach reach,
    IOptions<WebPushOptions> options, IOptionsMonitor<OutletOptions> outletOptions, TimeProvider time, ILogger<WebPushReleaser> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Claimed as the outlet leases its editions, and as idle as its workers.
        var outletSettings = outletOptions.Get(WebPushOutlet.OutletName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var due = await holds.ClaimDueAsync(now, outletSettings.LeaseDuration, settings.BatchSize, stoppingToken);
                foreach (var alert in due.GroupBy(h => h.AlertId, StringComparer.Ordinal))
                {
                    await ReleaseAsync(alert.Key, [.. alert.Select(h => h.SubscriptionId)], stoppingToken);
                }

                await holds.ForgetAsync(due, stoppingToken);
                if (due.Count < settings.BatchSize)
                {
                    await holds.Waiting.WaitAsync(await holds.EarliestAsync(stoppingToken), time.GetUtcNow(), outletSettings.IdleCheckInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A failed round must not stop the host: the claimed holds fall due again when their lease lapses.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                WebPushLog.ReleaseFailed(logger, e);
                await Task.Delay(outletSettings.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task ReleaseAsync(string alertId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(alertId, cancellationToken) is not { } found || found.Alert.Status == AlertStatus.Retracted)
        {
            return;
        }

        var now = time.GetUtcNow();
        var reached = await reach.ReadAsync(alertId, cancellationToken);
        var alertEvent = new AlertEvent
        {
            Seq = reached.TryGetValue(outlet.Name, out var entry) ? entry.Seq ?? 0 : 0,
            Type = found.Revision > 1 ? AlertEventType.Corrected : AlertEventType.Published,
            Edition = found.Alert.Edition,
            At = now,
            Alert = found.Alert,
        };
        if (messages.For(alertEvent, now) is not { } message)
        {
            return;
        }

        var devices = (await registry.FindManyAsync(ids, cancellationToken)).Where(d => !registry.HasLapsed(d, now)).ToList();
        var due = await outlet.WithinCapAsync(devices, now, cancellationToken);
        var counts = await outlet.SendAllAsync(alertEvent, message, due, ReachCount.Sent, cancellationToken);
        await reach.AddAsync(outlet.Name, alertEvent, counts, cancellationToken);
    }
}
