namespace Alerts.Server.Syndication;

internal static partial class StreamLog
{
    [LoggerMessage(2300, LogLevel.Warning, "Stream reader {ConnectionId} fell {QueuedBytes} bytes behind; disconnected, it reconnects with Last-Event-ID")]
    public static partial void SlowReaderDisconnected(ILogger logger, string connectionId, int queuedBytes);
}
