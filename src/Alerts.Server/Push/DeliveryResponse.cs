namespace Alerts.Server.Push;

/// <summary>The body of <c>GET /api/v1/alerts/{id}/delivery</c>; room is left for the hub's fan-out figures beside <see cref="Push"/>.</summary>
internal sealed record DeliveryResponse(string AlertId, PushDelivery Push);
