using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Fanout;
using Alerts.Server.Outbox;

namespace Alerts.Server.Push.Receipts;

/// <summary>
/// The delivery report's <c>outlets</c>: the live connections (<c>hub</c>: hub clients; <c>sse</c>: event streams,
/// both counted by the one fan-out for the alert's latest event), FCM (<c>fcm</c>, over all the alert's push jobs), and every outlet of the
/// outbox that follows the alert's edition, listed even before it got to the alert (all counts 0).
/// </summary>
internal sealed class OutletReports(IEnumerable<IOutletSet> outletSets, OutletReach reach)
{
    public const string Hub = "hub";
    public const string Sse = "sse";
    public const string Fcm = PushOptions.OutletName;

    public async Task<IReadOnlyList<OutletDelivery>> ReadAsync(AlertRecord found, HubDelivery hub, PushDelivery push, CancellationToken cancellationToken)
    {
        var alert = found.Alert;
        var latest = alert.Status == AlertStatus.Retracted ? AlertEventType.Retracted : found.Revision > 1 ? AlertEventType.Corrected : AlertEventType.Published;
        var latestName = JsonNamingPolicy.CamelCase.ConvertName(latest.ToString());
        var replaced = latest != AlertEventType.Published;
        var reached = await reach.ReadAsync(alert.Id, cancellationToken);
        var outbox = outletSets.SelectMany(set => set.Outlets).Where(o => o.Name != Fcm && o.Editions.Contains(alert.Edition)).Select(o => o.Name)
            .Select(name => reached.TryGetValue(name, out var entry) ? entry : new OutletDelivery(name, null, null, 0, 0, 0, 0, 0, null, null));
        return
        [
            Live(Hub, hub.ConnectionsSentTo),
            Live(Sse, hub.StreamsSentTo),
            new OutletDelivery(
                Fcm, push.Enabled ? latestName : null, null, push.Accepted, 0, push.Pruned, push.Failed, push.Held + push.Capped, push.FirstSentAt, push.LastSentAt),
            .. outbox.OrderBy(o => o.Outlet, StringComparer.Ordinal),
        ];

        OutletDelivery Live(string outlet, long sentTo) => new(outlet, latestName, null, replaced ? 0 : sentTo, replaced ? sentTo : 0, 0, 0, 0, null, null);
    }
}
