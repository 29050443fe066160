using Alerts.Server.Outbox;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>The rule between the request timeout and the webhooks' lease, both from <c>Alerts:WebhookDelivery</c>.</summary>
internal sealed class WebhookDeliveryRules(IOptionsMonitor<OutletOptions> outlets) : IValidateOptions<WebhookDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookDeliveryOptions options)
    {
        OutletOptions outlet;
        try
        {
            outlet = outlets.Get(WebhookOutlets.OptionsName);
        }
        catch (OptionsValidationException)
        {
            // The outlet settings' own validation reports it, once.
            return ValidateOptionsResult.Skip;
        }

        // The holder renews between requests: a request must end well inside the lease.
        return options.RequestTimeout * 2 > outlet.LeaseDuration
            ? ValidateOptionsResult.Fail("Alerts:WebhookDelivery:LeaseDuration must be at least twice RequestTimeout.")
            : ValidateOptionsResult.Success;
    }
}
