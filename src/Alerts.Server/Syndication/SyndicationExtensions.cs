using Alerts.Core.Desk;
using Alerts.Server.Outbox;
using Alerts.Server.Syndication.Webhooks;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication;

internal static class SyndicationExtensions
{
    public static IServiceCollection AddAlertsSyndication(this IServiceCollection services)
    {
        services.AddSingleton<FeedLines>();
        services.AddSingleton<FeedCache>();

        services.AddOptions<WebhooksOptions>().BindConfiguration(WebhooksOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhooksOptions>, WebhookRules>();
        services.AddOutletOptions(WebhookOutlets.OptionsName, WebhookDeliveryOptions.SectionName, _ => { });
        services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookDeliveryOptions>, WebhookDeliveryOptionsValidator>();
        services.AddSingleton<IValidateOptions<WebhookDeliveryOptions>, WebhookDeliveryRules>();
        // A receiver's redirect is not a delivery: the signed body goes only where it was configured to.
        services.AddHttpClient(WebhookSender.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Alerts-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<WebhookPayload>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<IOutletSet, WebhookOutlets>();
        services.AddAuthorizationBuilder().AddPolicy(WebhookEndpoints.AdminPolicy, policy => policy.RequireRole(KeyGrant.AdminName));
        return services;
    }

    /// <summary>Feeds and the event stream for readers that are not a browser ticker or a phone, and the webhooks' delivery log.</summary>
    public static IEndpointRouteBuilder MapAlertsSyndication(this IEndpointRouteBuilder routes) =>
        routes.MapFeedEndpoints().MapStreamEndpoints().MapWebhookEndpoints();
}
