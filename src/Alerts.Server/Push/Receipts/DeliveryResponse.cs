using Alerts.Server.Fanout;
using Alerts.Server.Outbox;

namespace Alerts.Server.Push.Receipts;

/// <summary>The body of <c>GET /api/v1/alerts/{id}/delivery</c>: the hub's fan-out, the pushes, and what the latest event reached per outlet.</summary>
internal sealed record DeliveryResponse(string AlertId, HubDelivery Hub, PushDelivery Push, IReadOnlyList<OutletDelivery> Outlets);
