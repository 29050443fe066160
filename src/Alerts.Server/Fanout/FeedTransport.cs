namespace Alerts.Server.Fanout;

/// <summary>How a subscriber reaches its reader, so the delivery report can name each outlet of the one fan-out.</summary>
internal enum FeedTransport
{
    /// <summary>A live hub connection (the lean WebSocket server or negotiated SignalR).</summary>
    Hub,

    /// <summary>A Server-Sent Events stream.</summary>
    EventStream,
}
