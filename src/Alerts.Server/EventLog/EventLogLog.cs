namespace Alerts.Server.EventLog;

internal static partial class EventLogLog
{
    [LoggerMessage(2200, LogLevel.Warning, "Edition {Edition}: dropped a pub/sub message of {Length} characters that is not an event of this edition")]
    public static partial void MalformedMessageDropped(ILogger logger, string edition, int length);
}
