using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Server.Desk;
using Alerts.Server.Hosting;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Push to phones through FCM as an outlet of the outbox. A pushed event pages through its targets from the
/// outbox's saved progress, sends each page, saves the page's progress under the lease and then records the
/// page (counters, devices held for their quiet hours) before the next. When the log has nothing new, the
/// devices whose quiet hours ended are sent the alert's newest state. It only sends and records: the outbox
/// holds the lease, moves the cursor and retries.
/// </summary>
internal sealed class FcmOutlet(
    PushStatus status, PushDeliveryStore store, IAlertLog log, PushMessages messages, IPushTargets targets, FcmPageSender pages, NewsDesk desk,
    Taxonomy taxonomy, IOptions<PushOptions> options, IOptionsMonitor<OutletOptions> outletOptions, TimeProvider time, ILogger<FcmOutlet> logger)
    : IOutlet, IOutletSet, IOutletWithDueWork
{
    public const string OutletName = PushOptions.OutletName;

    /// <summary>The actor of the <c>pushed</c> history line: no key acted, the outbox did.</summary>
    private const string PushActor = "push";

    /// <summary>Alerts with woken sleepers taken per look at the held index.</summary>
    private const int HeldAlertsPerPass = 32;

    private static readonly TimeSpan AuthRetryDelay = TimeSpan.FromMinutes(1);

    public string Name => OutletName;

    public IReadOnlyList<string> Editions { get; } = [.. taxonomy.Editions.Keys];

    // Renewed while a page is sent: paced by the shared rate limit, a page can outlast a lease.
    public OutboxPolicy Policy { get; } = outletOptions.Get(OutletName).ToPolicy(renewWhileDelivering: true);

    public bool IsOneTarget => false;

    public IReadOnlyList<IOutlet> Outlets => status.IsEnabled ? [this] : [];

    // A retraction is a candidate whatever the alert's push flag: it goes out only if the alert was pushed before.
    // An earlier event of a retracted alert has lost its content in the log: too late to push it.
    public bool Wants(AlertEvent alertEvent) =>
        alertEvent.Type == AlertEventType.Retracted || (alertEvent.Alert.Push && alertEvent.Alert.Status != AlertStatus.Retracted);

    public async Task<OutletResult> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var alertEvent = item.Event;
        var itemId = PushDeliveryStore.ItemId(item.Edition, item.Stored.Seq);
        if (alertEvent.Type == AlertEventType.Retracted && !await store.WasPushedAsync(alertEvent.Alert.Id, cancellationToken))
        {
            return new OutletResult(OutletOutcome.Delivered);
        }

        var start = await store.BeginAsync(itemId, alertEvent, cancellationToken);
        PushLog.ItemStarted(logger, itemId, start, item.Attempt, item.Progress.Saved ?? "");
        if (start == PushItemStart.AlreadyDone)
        {
            return new OutletResult(OutletOutcome.Delivered);
        }

        // An item starts from the log, not from the request that appended its event: its trace is its own, tagged to find that one.
        using var activity = AlertsTracing.Source.StartActivity("alerts.push.job");
        activity?.SetTag(AlertsTracing.Edition, alertEvent.Edition).SetTag(AlertsTracing.Seq, alertEvent.Seq)
            .SetTag(AlertsTracing.AlertId, alertEvent.Alert.Id).SetTag("alerts.push.attempt", item.Attempt);
        try
        {
            return await SendItemAsync(item, itemId, cancellationToken);
        }
        catch (PushAuthenticationException e)
        {
            PushLog.AuthenticationFailed(logger, itemId, AuthRetryDelay, e);
            return new OutletResult(OutletOutcome.Failed, Error: "FCM refused the credentials", RetryAfter: AuthRetryDelay);
        }
    }

    public async Task<OutletOutcome> DeliverDueAsync(string edition, OutboxLease lease, CancellationToken stopping, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var alertId in await store.DueHeldAlertsAsync(edition, HeldAlertsPerPass, cancellationToken))
            {
                if (await WakeAsync(edition, alertId, lease, stopping, cancellationToken) is var outcome and not OutletOutcome.Delivered)
                {
                    return outcome;
                }
            }

            return OutletOutcome.Delivered;
        }
        catch (PushAuthenticationException e)
        {
            // The sleepers stay held; the next look at the index tries again.
            PushLog.AuthenticationFailed(logger, edition, AuthRetryDelay, e);
            return OutletOutcome.Delivered;
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(string edition, CancellationToken cancellationToken) => store.NextHeldDueAsync(edition, cancellationToken);

    private async Task<OutletResult> SendItemAsync(OutboxItem item, string itemId, CancellationToken cancellationToken)
    {
        var alertEvent = item.Event;
        if (messages.For(alertEvent, time.GetUtcNow()) is not { } eventMessages)
        {
            PushLog.AlertExpired(logger, itemId, alertEvent.Alert.Id);
            return await FinishAsync(item, itemId, withdrawHeld: true, cancellationToken);
        }

        var sentBefore = await store.SentAsync(itemId, cancellationToken);
        var next = NextPageAsync(alertEvent, item.Progress.Saved ?? "", cancellationToken);
        while (true)
        {
            if (item.Stopping.IsCancellationRequested)
            {
                PushLog.JobHandedBack(logger, itemId);
                return new OutletResult(OutletOutcome.Stopped);
            }

            if (time.GetUtcNow() >= alertEvent.Alert.ExpiresAt)
            {
                PushLog.AlertExpired(logger, itemId, alertEvent.Alert.Id);
                return await FinishAsync(item, itemId, withdrawHeld: true, cancellationToken);
            }

            var page = await next;
            // The following page is read while this one is sent, so Redis round trips do not stall the sends.
            next = page.IsLast ? next : NextPageAsync(alertEvent, page.NextCursor, cancellationToken);
            var counts = new BatchCounts { Targets = page.Targets.Count, Held = page.HeldUntil.Count, Capped = page.Capped };
            if (!await pages.SendAsync(itemId, alertEvent, eventMessages, page, sentBefore, counts, item.Lease, cancellationToken)
                || !await item.Progress.SaveAsync(page.NextCursor, cancellationToken))
            {
                PushLog.LeaseLost(logger, itemId);
                return OutletResult.LeaseLost;
            }

            await store.RecordAsync(itemId, alertEvent, page, counts, [], cancellationToken);
            sentBefore = new HashSet<string>();
            if (page.IsLast)
            {
                break;
            }
        }

        // Read before the pass ends; the history line is written by the node that ends it.
        var totals = await store.TotalsAsync(itemId, cancellationToken);
        // After a retraction nobody is waiting for the alert any more.
        var result = await FinishAsync(item, itemId, withdrawHeld: alertEvent.Type == AlertEventType.Retracted, cancellationToken);
        await desk.RecordAsync(alertEvent.Alert, PushActor, [DeskAction.Pushed], desk.Now(), $"{totals.Sent} sent, {totals.Failed} failed", cancellationToken);
        return result;
    }

    private async Task<OutletResult> FinishAsync(OutboxItem item, string itemId, bool withdrawHeld, CancellationToken cancellationToken)
    {
        var alertEvent = item.Event;
        var held = await store.FinishAsync(itemId, alertEvent, item.Stored.Json, cancellationToken);
        if (withdrawHeld)
        {
            await store.DropHeldAsync(alertEvent.Edition, alertEvent.Alert.Id, cancellationToken);
            held = 0;
        }

        if (held > 0)
        {
            PushLog.JobWaitsForQuietHours(logger, itemId);
        }
        else
        {
            PushLog.JobFinished(logger, itemId);
        }

        return new OutletResult(OutletOutcome.Delivered);
    }

    /// <summary>
    /// Sends the alert's sleepers whose quiet hours ended the alert as it stands now: a correction made without a
    /// push of its own still reaches them instead of the text it replaced. A retracted (or gone, or expired) alert
    /// sends them nothing: they never saw it.
    /// </summary>
    private async Task<OutletOutcome> WakeAsync(string edition, string alertId, OutboxLease lease, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var owed = await store.HeldEventAsync(alertId, cancellationToken);
        var current = await log.FindAsync(alertId, cancellationToken);
        var alertEvent = owed is null || current is null || current.Alert.Status == AlertStatus.Retracted ? null
            : current.Alert.Version == owed.Alert.Version ? owed
            : owed with { Type = AlertEventType.Corrected, Alert = current.Alert };
        if (alertEvent is null || messages.For(alertEvent, time.GetUtcNow()) is not { } eventMessages)
        {
            PushLog.HeldDevicesDropped(logger, edition, alertId);
            await store.DropHeldAsync(edition, alertId, cancellationToken);
            return OutletOutcome.Delivered;
        }

        var itemId = PushDeliveryStore.HeldItemId(alertId);
        var sentBefore = await store.SentAsync(itemId, cancellationToken);
        while (await store.DueHeldAsync(alertId, options.Value.BatchSize, cancellationToken) is { Count: > 0 } released)
        {
            if (stopping.IsCancellationRequested)
            {
                return OutletOutcome.Stopped;
            }

            var page = await targets.ReleaseAsync(alertEvent, released, cancellationToken);
            var counts = new BatchCounts { Targets = page.Targets.Count, Capped = page.Capped };
            if (!await pages.SendAsync(itemId, alertEvent, eventMessages, page, sentBefore, counts, lease, cancellationToken) || !lease.IsValid)
            {
                PushLog.LeaseLost(logger, itemId);
                return OutletOutcome.LeaseLost;
            }

            // Held devices leave the set only when their page is recorded, so the next page is read only after that.
            await store.RecordAsync(itemId, alertEvent, page, counts, released, cancellationToken);
            sentBefore = new HashSet<string>();
        }

        if (await store.SettleHeldAsync(edition, alertId, cancellationToken) == 0)
        {
            PushLog.JobFinished(logger, itemId);
        }

        return OutletOutcome.Delivered;
    }

    private async Task<TargetPage> NextPageAsync(AlertEvent alertEvent, string cursor, CancellationToken cancellationToken)
    {
        var page = await targets.NextAsync(alertEvent, cursor, options.Value.BatchSize, cancellationToken);
        if (alertEvent.Type != AlertEventType.Retracted)
        {
            return page;
        }

        // Devices held back from the alert until now never saw it: they get no withdrawal either.
        var neverSent = await store.NeverSentAsync(alertEvent.Alert.Id, page.Targets, cancellationToken);
        return neverSent.Count == 0 ? page : page with { Targets = page.Targets.Where(t => !neverSent.Contains(t)).ToList() };
    }
}
