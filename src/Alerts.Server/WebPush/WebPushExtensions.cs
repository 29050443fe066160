using Alerts.Server.Outbox;
using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

internal static class WebPushExtensions
{
    public static IServiceCollection AddAlertsWebPush(this IServiceCollection services)
    {
        services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebPushOptions>, WebPushOptionsValidator>();
        services.AddSingleton<IValidateOptions<WebPushOptions>, WebPushRules>();
        services.AddOutletOptions(WebPushOutlet.OutletName, WebPushOptions.SectionName, outlet =>
        {
            outlet.FirstRetryDelay = TimeSpan.FromSeconds(1);
            outlet.MaxRetryDelay = TimeSpan.FromMinutes(5);
            outlet.GiveUpAfter = TimeSpan.FromHours(1);
        });
        // The endpoint was checked against the allowed hosts; a redirect would send the message somewhere that was not.
        services.AddHttpClient(WebPushClient.ClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Alerts-WebPush/1"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), EnableMultipleHttp2Connections = true,
            });
        services.AddSingleton<WebPushKeys>();
        services.AddSingleton<VapidKeyStore>();
        services.AddSingleton<VapidToken>();
        services.AddSingleton<WebPushRegistry>();
        services.AddSingleton<WebPushHolds>();
        services.AddSingleton<WebPushMessages>();
        services.AddSingleton<WebPushClient>();
        services.AddSingleton<WebPushOutlet>();
        services.AddSingleton<WebPushReceipts>();
        services.AddSingleton<IOutletSet>(sp => sp.GetRequiredService<WebPushOutlet>());
        services.AddHostedService<WebPushReleaser>();
        return services;
    }
}
