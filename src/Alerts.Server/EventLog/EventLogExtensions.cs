using Alerts.Core.Alerts;

namespace Alerts.Server.EventLog;

internal static class EventLogExtensions
{
    public static IServiceCollection AddAlertsEventLog(this IServiceCollection services) =>
        services.AddSingleton<RedisTopology>().AddSingleton<ReplicaWait>().AddSingleton<RedisKeys>()
            .AddSingleton<IAlertLog, RedisAlertLog>().AddSingleton<ILogEpochs, RedisLogEpochs>()
            // Before the relay (AddAlertsFanout) reads the epochs: hosted services start in the order they were added.
            .AddHostedService<EmbeddedEpochRenewal>();
}
