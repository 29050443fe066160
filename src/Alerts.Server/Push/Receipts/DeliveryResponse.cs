using Alerts.Server.Fanout;
using Alerts.Server.Outbox;
using Alerts.Server.WebPush;

namespace Alerts.Server.Push.Receipts;

/// <summary>The body of <c>GET /api/v1/alerts/{id}/delivery</c>: the hub's fan-out, the pushes, Web Push's receipts, and what the latest event reached per outlet.</summary>
internal sealed record DeliveryResponse(string AlertId, HubDelivery Hub, PushDelivery Push, WebPushDelivery WebPush, IReadOnlyList<OutletDelivery> Outlets);
