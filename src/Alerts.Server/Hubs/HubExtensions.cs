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
            .AddJsonProtocol(json => AlertsJson.Configure(json.PayloadSerializerOptions))
            // Where a client negotiates it; the feeds frame it themselves (HubMessagePackEncoding).
            .AddMessagePackProtocol();
        services.AddSingleton<HubConnectionLimits>();
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
    /// Connections that skip negotiation branch off first, before the exception handler, routing,
    /// CORS and authentication: they need none of it (the hub is anonymous, WebSockets have no CORS,
    /// the direct hub handles its own errors), and each middleware would keep an await's state alive
    /// for the hours a connection lasts. For the same reason the hub comes from the root services,
    /// not from a request scope. What belongs to HTTP still applies, because Kestrel parsed the
    /// request: its limits (<c>MaxConcurrentUpgradedConnections</c>), host filtering (a startup
    /// filter, ahead of this branch), its metrics, and any middleware registered before this call.
    /// </summary>
    public static IApplicationBuilder UseDirectHub(this IApplicationBuilder app)
    {
        var hub = app.ApplicationServices.GetRequiredService<DirectHub>();
        return app.MapWhen(DirectHub.Accepts, direct => direct
            // SignalR's pings keep the connection alive; the WebSocket's own keep-alive would add a timer per connection.
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero })
            .Run(hub.RunAsync));
    }

    public static IEndpointRouteBuilder MapAlertsHub(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<AlertsHub>(AlertsHub.Path).RequireCors(CorsPolicies.Public);
        return routes;
    }
}
