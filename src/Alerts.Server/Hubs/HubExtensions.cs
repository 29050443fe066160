using Alerts.Core.Serialization;
using Alerts.Server.Web;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

internal static class HubExtensions
{
    public static IServiceCollection AddAlertsHub(this IServiceCollection services)
    {
        services.AddSignalR(hub =>
            {
                // Clients only ever send Subscribe and Unsubscribe: small messages.
                hub.MaximumReceiveMessageSize = 4 * 1024;
            })
            .AddJsonProtocol(json => AlertsJson.Configure(json.PayloadSerializerOptions));
        services.AddSingleton<DrainingHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<AlertsHub>>(sp => sp.GetRequiredService<DrainingHubLifetimeManager>());
        services.AddHostedService<HubDrainService>();
        services.AddSingleton<IHostLifetime, Hosting.DrainingConsoleLifetime>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlertsHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<AlertsHub>(AlertsHub.Path).RequireCors(CorsPolicies.Public);
        return routes;
    }
}
