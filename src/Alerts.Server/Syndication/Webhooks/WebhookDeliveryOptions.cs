using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// The <c>Alerts:WebhookDelivery</c> section's own key: how long one POST may take. The section's lease, poll, retry
/// and log keys are every webhook's <see cref="Outbox.OutletOptions"/> (named <see cref="WebhookOutlets.OptionsName"/>).
/// </summary>
internal sealed class WebhookDeliveryOptions
{
    public const string SectionName = "Alerts:WebhookDelivery";

    /// <summary>How long one POST may take; longer counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
