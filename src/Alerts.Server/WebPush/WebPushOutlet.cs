using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Outbox;
using Alerts.Server.Push;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

/// <summary>
/// Web Push as an outlet of the outbox. A pushed alert (and each correction) goes to every subscription of its
/// edition that wants it, as for phones: sections and regions, minimum urgency, quiet hours (a non-flash alert
/// is held until they end, then <see cref="WebPushReleaser"/> sends the alert as it stands) and the hourly cap.
/// A retraction goes to the subscriptions the alert was shown on, replacing it. Pages of subscriptions are sent concurrently and recorded one by one, so a node that takes
/// over resumes after the last recorded page.
/// </summary>
internal sealed class WebPushOutlet(
    WebPushRegistry registry, WebPushHolds holds, DeviceRegistry deviceRegistry, WebPushMessages messages, WebPushClient client, OutletReach reach, Taxonomy taxonomy,
    WebPushReceipts receipts, IOptions<WebPushOptions> options, IOptionsMonitor<OutletOptions> outletOptions, IOptions<PushOptions> push, TimeProvider time,
    ILogger<WebPushOutlet> logger) : IOutlet, IOutletSet, IDisposable
{
    public const string OutletName = "webpush";

    private readonly SemaphoreSlim _inFlight = new(options.Value.MaxConcurrentSends);

    public string Name => OutletName;

    public IReadOnlyList<string> Editions { get; } = [.. taxonomy.Editions.Keys];

    // Renewed while a page is sent: a page of slow push services' answers can outlast a lease.
    public OutboxPolicy Policy { get; } = outletOptions.Get(OutletName).ToPolicy(renewWhileDelivering: true);

    public bool IsOneTarget => false;

    public IReadOnlyList<IOutlet> Outlets => [this];

    // A retraction is a candidate whatever the alert's push flag: the shown set decides who gets it.
    public bool Wants(AlertEvent alertEvent) =>
        alertEvent.Type == AlertEventType.Retracted || (alertEvent.Alert.Push && alertEvent.Alert.Status != AlertStatus.Retracted);

    public async Task<OutletResult> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var alertEvent = item.Event;
        if (messages.For(alertEvent, time.GetUtcNow()) is not { } message)
        {
            return new OutletResult(OutletOutcome.Delivered, Error: "the alert has left the ticker");
        }

        var retraction = alertEvent.Type == AlertEventType.Retracted;
        var cursor = item.Progress.Saved ?? "";
        // Reached by an attempt that ended mid-page (its node died): counted, not sent again.
        var sentBefore = await item.Progress.SentAsync(cancellationToken);
        while (true)
        {
            var (devices, lastId) = retraction
                ? await registry.ShownPageAsync(alertEvent.Alert.Id, cursor, options.Value.BatchSize, cancellationToken)
                : await registry.PageAsync(alertEvent.Edition, cursor, options.Value.BatchSize, cancellationToken);
            if (lastId is null)
            {
                // Recorded even when nobody was due, so the report lists the outlet with what the event reached.
                await reach.AddAsync(Name, alertEvent, new Dictionary<ReachCount, long>(), cancellationToken);
                return new OutletResult(OutletOutcome.Delivered);
            }

            var counts = await SendPageAsync(alertEvent, message, devices, sentBefore, item.Progress, cancellationToken);
            await reach.AddAsync(Name, alertEvent, counts, cancellationToken);
            if (!await item.Progress.SaveAsync(lastId, cancellationToken))
            {
                return OutletResult.LeaseLost;
            }

            cursor = lastId;
            sentBefore = new HashSet<string>();
        }
    }

    private async Task<Dictionary<ReachCount, long>> SendPageAsync(
        AlertEvent alertEvent, WebPushMessage message, IReadOnlyList<WebPushDevice> devices, IReadOnlySet<string> sentBefore, OutboxProgress progress,
        CancellationToken cancellationToken)
    {
        var alert = alertEvent.Alert;
        var now = time.GetUtcNow();
        var retraction = alertEvent.Type == AlertEventType.Retracted;
        var due = devices.Where(d => !registry.HasLapsed(d, now) && (retraction || d.Registration.Wants(alert))).ToList();
        if (!retraction && alert.Urgency != Urgency.Flash)
        {
            var asleep = due.Where(d => d.Registration.QuietHours?.Covers(now) == true).ToList();
            await holds.HoldAsync(alert.Id, [.. asleep.Select(d => (d.Registration.Token, d.Registration.QuietHours!.EndAfter(now)))], cancellationToken);
            due = await WithinCapAsync([.. due.Except(asleep)], now, cancellationToken);
        }

        var shownAs = alertEvent.Type == AlertEventType.Published ? ReachCount.Sent : ReachCount.Replaced;
        var counts = await SendAllAsync(alertEvent, message, due, shownAs, cancellationToken, sentBefore, progress);
        counts[ReachCount.NotApplicable] = devices.Count - due.Count;
        return counts;
    }

    /// <summary>Those of <paramref name="devices"/> under the hourly cap: the phones' counters, keyed by the subscription's id as a phone's by its token.</summary>
    public async Task<List<WebPushDevice>> WithinCapAsync(IReadOnlyList<WebPushDevice> devices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var allowed = (await deviceRegistry.WithinCapAsync([.. devices.Select(d => d.Registration.Token)], push.Value.DeviceHourlyCap, now, cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return [.. devices.Where(d => allowed.Contains(d.Registration.Token))];
    }

    /// <summary>
    /// Sends the event's message to every one of <paramref name="due"/>, notes who was shown it (for a retraction),
    /// releases their holds (they have the alert's newest state), prunes the gone, and counts the outcomes, those
    /// shown it as <paramref name="shownAs"/>. Those in <paramref name="sentBefore"/> were reached by an attempt that
    /// ended mid-page and are counted, not sent again; each one reached is noted in <paramref name="progress"/>.
    /// </summary>
    public async Task<Dictionary<ReachCount, long>> SendAllAsync(
        AlertEvent alertEvent, WebPushMessage message, IReadOnlyList<WebPushDevice> due, ReachCount shownAs, CancellationToken cancellationToken,
        IReadOnlySet<string>? sentBefore = null, OutboxProgress? progress = null)
    {
        var alert = alertEvent.Alert;
        var retraction = alertEvent.Type == AlertEventType.Retracted;
        if (!retraction && due.Count > 0)
        {
            await receipts.MarkSendingAsync(alert.Id, alert.ExpiresAt, cancellationToken);
        }

        var outcomes = await Task.WhenAll(due.Select(device => sentBefore?.Contains(device.Registration.Token) == true
            ? Task.FromResult(WebPushSendOutcome.Accepted)
            : SendAsync(message, device, progress, cancellationToken)));
        var shown = due.Where((_, i) => outcomes[i] == WebPushSendOutcome.Accepted).Select(d => d.Registration.Token).ToList();
        if (!retraction)
        {
            await registry.MarkShownAsync(alert.Id, shown, alert.ExpiresAt, cancellationToken);
            await holds.ForgetAsync(shown.Select(id => new WebPushHold(alert.Id, id)), cancellationToken);
        }

        foreach (var (device, outcome) in due.Zip(outcomes).Where(p => p.Second == WebPushSendOutcome.Gone))
        {
            await registry.RemoveAsync(device.Registration.Token, cancellationToken);
        }

        if (outcomes.Contains(WebPushSendOutcome.TooLarge))
        {
            WebPushLog.TooLarge(logger, alert.Id, new Uri(due[Array.IndexOf(outcomes, WebPushSendOutcome.TooLarge)].Subscription.Endpoint).Host);
        }

        return new Dictionary<ReachCount, long>
        {
            [shownAs] = shown.Count,
            [ReachCount.Pruned] = outcomes.Count(o => o == WebPushSendOutcome.Gone),
            [ReachCount.Failed] = outcomes.Count(o => o is WebPushSendOutcome.Failed or WebPushSendOutcome.TooLarge),
        };
    }

    private async Task<WebPushSendOutcome> SendAsync(WebPushMessage message, WebPushDevice device, OutboxProgress? progress, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            var (outcome, status) = await client.SendAsync(message, device.Subscription, cancellationToken);
            if (outcome == WebPushSendOutcome.Accepted)
            {
                progress?.MarkSent(device.Registration.Token);
            }
            else if (outcome == WebPushSendOutcome.Gone)
            {
                WebPushLog.Pruned(logger, device.Registration.Token, status);
            }

            return outcome;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public void Dispose() => _inFlight.Dispose();
}
