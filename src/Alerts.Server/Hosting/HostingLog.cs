using StackExchange.Redis;

namespace Alerts.Server.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Redis {ConnectionType} connection to {EndPoint} failed: {FailureType}")]
    public static partial void RedisConnectionFailed(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(1002, LogLevel.Information, "Redis {ConnectionType} connection to {EndPoint} restored")]
    public static partial void RedisConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(1003, LogLevel.Warning, "Redis is unavailable; answered {Method} {Path} with 503")]
    public static partial void RedisUnavailable(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1005, LogLevel.Information, "{Signal}: closing {Connections} hub connections, then draining requests")]
    public static partial void ShuttingDown(ILogger logger, string signal, int connections);

    [LoggerMessage(1006, LogLevel.Warning, "Not ready: Redis did not answer a ping")]
    public static partial void NotReady(ILogger logger, Exception exception);

    [LoggerMessage(1004, LogLevel.Information, "Using Redis at {EndPoints}")]
    public static partial void UsingRedis(ILogger logger, string endPoints);

    [LoggerMessage(1007, LogLevel.Information, "Redis is reached through Sentinel: at least {Minimum} pool threads start at once")]
    public static partial void PoolThreadsRaisedForSentinel(ILogger logger, int minimum);
}
