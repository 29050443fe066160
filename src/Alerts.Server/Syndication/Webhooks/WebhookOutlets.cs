using Alerts.Core.Editions;
using Alerts.Server.Outbox;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Every configured webhook as an outlet, all retried, leased and logged as <c>Alerts:WebhookDelivery</c> says.</summary>
internal sealed class WebhookOutlets(IOptions<WebhooksOptions> webhooks, IOptions<WebhookDeliveryOptions> delivery, Taxonomy taxonomy, WebhookPayload payload, WebhookSender sender)
    : IOutletSet
{
    private readonly Lazy<IReadOnlyList<IOutlet>> _outlets = new(() =>
    {
        var d = delivery.Value;
        var policy = new OutboxPolicy(d.LeaseDuration, d.PollInterval, d.FirstRetryDelay, d.MaxRetryDelay, d.GiveUpAfter, d.DeliveryLogLength);
        return webhooks.Value.Webhooks
            .Select(hook => (IOutlet)new WebhookOutlet(hook.Key, hook.Value, hook.Value.EditionsIn(taxonomy).ToList(), policy, payload, sender))
            .ToList();
    });

    public IReadOnlyList<IOutlet> Outlets => _outlets.Value;
}
