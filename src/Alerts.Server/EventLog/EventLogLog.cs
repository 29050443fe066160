namespace Alerts.Server.EventLog;

internal static partial class EventLogLog
{
    [LoggerMessage(2200, LogLevel.Warning, "Edition {Edition}: dropped a pub/sub message of {Length} characters that is not an event of this edition")]
    public static partial void MalformedMessageDropped(ILogger logger, string edition, int length);

    [LoggerMessage(2201, LogLevel.Information, "Edition {Edition}: the embedded store started, moving its log from epoch {Epoch} to {NewEpoch}")]
    public static partial void EpochRenewedAtStart(ILogger logger, string edition, string epoch, string newEpoch);
}
