using Alerts.Core.Serialization;
using Alerts.Server.Hubs.Direct;
using Alerts.Server.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

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
        services.AddOptions<DirectHubOptions>().BindConfiguration(DirectHubOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectHubOptions>, DirectHubOptionsValidator>();
        services.AddSingleton<DirectHub>();
        services.AddSingleton<DirectConnections>();
        services.AddHostedService<DirectHeartbeat>();
        services.AddHostedService<HubDrainService>();
        services.AddSingleton<IHostLifetime, Hosting.DrainingConsoleLifetime>();
        return services;
    }

    /// <summary>
    /// Connections that skip negotiation branch off before routing, CORS and authentication: they
    /// need none of it (the hub is anonymous and WebSockets have no CORS), and each middleware
    /// would keep an await's state alive for the hours a connection lasts.
    /// </summary>
    public static IApplicationBuilder UseDirectHub(this IApplicationBuilder app) =>
        app.MapWhen(DirectHub.Accepts, direct => direct
            // SignalR's pings keep the connection alive; the WebSocket's own keep-alive would add a timer per connection.
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero })
            .Run(context => context.RequestServices.GetRequiredService<DirectHub>().RunAsync(context)));

    public static IEndpointRouteBuilder MapAlertsHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<AlertsHub>(AlertsHub.Path).RequireCors(CorsPolicies.Public);
        return routes;
    }
}
