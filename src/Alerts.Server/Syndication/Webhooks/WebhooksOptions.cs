namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// The webhooks, bound from the <c>Alerts</c> section so that <c>Alerts:Webhooks:{name}</c> is the
/// name itself (the contract's shape); the delivery settings live in <see cref="WebhookDeliveryOptions"/>.
/// </summary>
internal sealed class WebhooksOptions
{
    public const string SectionName = "Alerts";

    public Dictionary<string, WebhookOptions> Webhooks { get; set; } = new(StringComparer.Ordinal);
}
