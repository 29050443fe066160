using Alerts.Server.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Hosting;

/// <summary>Builds the process's one multiplexer, to the configured Redis or to the embedded Garnet.</summary>
internal static class RedisConnectionFactory
{
    public static IConnectionMultiplexer Connect(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("Redis");
        var connectionString = string.IsNullOrWhiteSpace(configured)
            ? services.GetRequiredService<EmbeddedGarnet>().ConnectionString
            : configured;

        var redis = services.GetRequiredService<IOptions<RedisOptions>>().Value;
        var timeout = (int)redis.OperationTimeout.TotalMilliseconds;
        var options = ConfigurationOptions.Parse(connectionString);
        // Keep retrying in the background instead of failing the process when Redis is down at start.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = timeout;
        options.AsyncTimeout = timeout;
        options.SyncTimeout = timeout;
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        options.ClientName ??= $"alerts-{Environment.MachineName}";

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Alerts.Server.Redis");
        HostingLog.UsingRedis(logger, string.Join(",", options.EndPoints));
        if (options.ServiceName is not null && SentinelPoolThreads.Raise())
        {
            HostingLog.PoolThreadsRaisedForSentinel(logger, SentinelPoolThreads.Minimum);
        }

        var multiplexer = ConnectionMultiplexer.Connect(options);
        RoleChangeWatch.Watch(multiplexer);
        multiplexer.ConnectionFailed += (_, e) =>
            HostingLog.RedisConnectionFailed(logger, e.ConnectionType, e.EndPoint?.ToString(), e.FailureType, e.Exception);
        var metrics = services.GetRequiredService<AlertsMetrics>();
        multiplexer.ConnectionRestored += (_, e) =>
        {
            HostingLog.RedisConnectionRestored(logger, e.ConnectionType, e.EndPoint?.ToString());
            metrics.RedisReconnected(e.ConnectionType == ConnectionType.Subscription ? "subscription" : "interactive");
        };
        return multiplexer;
    }
}
