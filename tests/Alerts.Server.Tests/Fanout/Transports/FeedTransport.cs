namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>The clients the behaviour suite runs against: every official client of every transport the node serves.</summary>
public enum FeedTransport
{
    /// <summary>The .NET SignalR client, negotiating first: ASP.NET Core SignalR answers, JSON protocol.</summary>
    DotnetNegotiated,

    /// <summary>The .NET SignalR client skipping negotiation (WebSockets only): the node's direct WebSocket server answers.</summary>
    DotnetDirect,

    /// <summary>The .NET SignalR client negotiating SignalR's MessagePack protocol: ASP.NET Core SignalR answers.</summary>
    DotnetMessagePack,

    /// <summary>@microsoft/signalr under Node.js, negotiating first.</summary>
    JsNegotiated,

    /// <summary>@microsoft/signalr under Node.js skipping negotiation, as ticker.js connects.</summary>
    JsDirect,

    /// <summary>npm's eventsource reading <c>GET /api/v1/editions/{edition}/stream</c>.</summary>
    EventSource,
}
