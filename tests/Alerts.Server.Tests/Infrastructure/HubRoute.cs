namespace Alerts.Server.Tests.Infrastructure;

/// <summary>The two ways a client reaches the hub at /hubs/alerts, which two different servers answer.</summary>
public enum HubRoute
{
    /// <summary>WebSockets without negotiation (what ticker.js does): served by the node's direct WebSocket hub.</summary>
    Direct,

    /// <summary>Negotiate first (SignalR clients' default): served by ASP.NET Core SignalR.</summary>
    Negotiated,
}
