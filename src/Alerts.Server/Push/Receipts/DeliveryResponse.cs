using Alerts.Server.Fanout;

namespace Alerts.Server.Push.Receipts;

/// <summary>The body of <c>GET /api/v1/alerts/{id}/delivery</c>: the hub's fan-out and the pushes.</summary>
internal sealed record DeliveryResponse(string AlertId, HubDelivery Hub, PushDelivery Push);
