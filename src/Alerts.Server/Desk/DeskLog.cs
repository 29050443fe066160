namespace Alerts.Server.Desk;

internal static partial class DeskLog
{
    [LoggerMessage(5000, LogLevel.Information, "Scheduler published alert {AlertId} of {Edition} as seq {Seq}")]
    public static partial void ScheduledPublished(ILogger logger, string alertId, string edition, long seq);

    [LoggerMessage(5001, LogLevel.Information, "Waiting alert {AlertId} of {Edition} expired")]
    public static partial void Expired(ILogger logger, string alertId, string edition);

    [LoggerMessage(5002, LogLevel.Warning, "Scheduler step failed; the claimed alerts are tried again when their lease runs out")]
    public static partial void SchedulerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5003, LogLevel.Information, "Took over the publication of alert {AlertId} of {Edition}, which another node had begun")]
    public static partial void ReleaseTakenOver(ILogger logger, string alertId, string edition);

    [LoggerMessage(5004, LogLevel.Warning, "Alerts:Scheduler:PollInterval ({PollInterval}) is no longer read: the scheduler is told of new due alerts and looks on its own every Alerts:Scheduler:IdleCheckInterval ({IdleCheckInterval}); remove the setting")]
    public static partial void RetiredPollIntervalIgnored(ILogger logger, TimeSpan pollInterval, TimeSpan idleCheckInterval);
}
