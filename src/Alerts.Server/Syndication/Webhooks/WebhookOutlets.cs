using Alerts.Core.Editions;
using Alerts.Server.Outbox;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Every configured webhook as an outlet, all retried, leased and logged as <c>Alerts:WebhookDelivery</c> says.</summary>
internal sealed class WebhookOutlets(IOptions<WebhooksOptions> webhooks, IOptionsMonitor<OutletOptions> delivery, Taxonomy taxonomy, WebhookPayload payload, WebhookSender sender)
    : IOutletSet
{
    /// <summary>The name of the webhooks' <see cref="OutletOptions"/>, which every webhook shares.</summary>
    public const string OptionsName = "webhooks";

    private readonly Lazy<IReadOnlyList<IOutlet>> _outlets = new(() =>
    {
        // One request at a time, none renewing mid-request: a hung receiver loses the lease.
        var policy = delivery.Get(OptionsName).ToPolicy(renewWhileDelivering: false);
        return webhooks.Value.Webhooks
            .Select(hook => (IOutlet)new WebhookOutlet(hook.Key, hook.Value, hook.Value.EditionsIn(taxonomy).ToList(), policy, payload, sender))
            .ToList();
    });

    public IReadOnlyList<IOutlet> Outlets => _outlets.Value;
}
