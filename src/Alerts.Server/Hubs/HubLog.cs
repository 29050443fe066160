namespace Alerts.Server.Hubs;

internal static partial class HubLog
{
    [LoggerMessage(2150, LogLevel.Warning, "Negotiated connection {ConnectionId} fell {QueuedBytes} bytes behind; disconnected, it reconnects and catches up from the log")]
    public static partial void SlowClientDisconnected(ILogger logger, string connectionId, int queuedBytes);
}
