using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>The rules between the delivery settings.</summary>
internal sealed class WebhookDeliveryRules : IValidateOptions<WebhookDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookDeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetryDelay < options.FirstRetryDelay)
        {
            failures.Add("Alerts:WebhookDelivery:MaxRetryDelay must not be shorter than FirstRetryDelay.");
        }

        // The holder renews between requests: a request must end well inside the lease.
        if (options.RequestTimeout * 2 > options.LeaseDuration)
        {
            failures.Add("Alerts:WebhookDelivery:LeaseDuration must be at least twice RequestTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
