namespace Alerts.Server.Hubs.Direct;

internal static partial class DirectHubLog
{
    [LoggerMessage(2100, LogLevel.Warning, "Connection {ConnectionId} fell {QueuedBytes} bytes behind; disconnected, it reconnects and catches up from the log")]
    public static partial void SlowClientDisconnected(ILogger logger, string connectionId, int queuedBytes);

    [LoggerMessage(2101, LogLevel.Warning, "Connection {ConnectionId} did not take a write within the send timeout; disconnected")]
    public static partial void SendTimedOut(ILogger logger, string connectionId);
}
