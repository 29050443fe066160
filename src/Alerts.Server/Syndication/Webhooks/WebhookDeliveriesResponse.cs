using Alerts.Server.Outbox;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// The body of <c>GET /api/v1/webhooks/{name}/deliveries</c>: per edition the seq of the last event
/// the webhook is done with (null before its first start), and the newest attempts first.
/// </summary>
internal sealed record WebhookDeliveriesResponse(string Webhook, string Url, IReadOnlyDictionary<string, long?> Cursors, IReadOnlyList<OutboxAttempt> Deliveries);
