namespace Alerts.Server.WebPush;

internal static partial class WebPushLog
{
    [LoggerMessage(9100, LogLevel.Warning, "Web Push: {Host} refused a message with HTTP {Status}")]
    public static partial void Refused(ILogger logger, string host, int status);

    [LoggerMessage(9101, LogLevel.Warning, "Web Push: {Host} still failing after {Attempts} attempts (last status {Status})")]
    public static partial void GaveUp(ILogger logger, string host, int? status, int attempts);

    [LoggerMessage(9102, LogLevel.Information, "Web Push: subscription {Id} pruned, its push service answered HTTP {Status}")]
    public static partial void Pruned(ILogger logger, string id, int? status);

    [LoggerMessage(9103, LogLevel.Error, "Web Push: alert {AlertId}'s message is larger than {Host} accepts (HTTP 413); not retried")]
    public static partial void TooLarge(ILogger logger, string alertId, string host);

    [LoggerMessage(9104, LogLevel.Error, "Web Push: sending to subscriptions whose quiet hours ended failed; they are tried again when their claim lapses")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);
}
