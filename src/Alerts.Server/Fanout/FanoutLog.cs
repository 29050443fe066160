namespace Alerts.Server.Fanout;

internal static partial class FanoutLog
{
    [LoggerMessage(2000, LogLevel.Information, "Edition {Edition}: relaying from seq {Seq}")]
    public static partial void FeedStarted(ILogger logger, string edition, long seq);

    [LoggerMessage(2001, LogLevel.Warning, "Edition {Edition}: backfilling seqs {From}-{To} from the log ({Reason})")]
    public static partial void Backfilling(ILogger logger, string edition, long from, long to, string reason);

    [LoggerMessage(2002, LogLevel.Error, "Edition {Edition}: seqs {From}-{To} left the log before this node relayed them; subscribers get the ticker instead")]
    public static partial void FellBehindRetention(ILogger logger, string edition, long from, long to);

    [LoggerMessage(2003, LogLevel.Warning, "Relaying edition {Edition} failed; the next check retries")]
    public static partial void RelayFailed(ILogger logger, string edition, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "Subscribing to Redis failed; retrying")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(2005, LogLevel.Information, "Redis subscription restored; catching up every edition from the log")]
    public static partial void SubscriptionRestored(ILogger logger);

    [LoggerMessage(2006, LogLevel.Warning, "Comparing the log with what this node relayed failed; retrying")]
    public static partial void ConsistencyCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(2007, LogLevel.Warning, "Edition {Edition}: a connection asked for more history than its replay budget allows, even as the ticker; disconnected")]
    public static partial void ReplayBudgetSpent(ILogger logger, string edition);

    [LoggerMessage(2008, LogLevel.Warning, "Edition {Edition}: the log went back below seq {RelayedSeq} of epoch {Epoch} ({Reason}); moving to a new epoch and resetting subscribers")]
    public static partial void LogWentBack(ILogger logger, string edition, long relayedSeq, string epoch, string reason);

    [LoggerMessage(2009, LogLevel.Warning, "Edition {Edition}: the log moved from epoch {Epoch} to {NewEpoch} elsewhere; resetting subscribers")]
    public static partial void EpochMovedElsewhere(ILogger logger, string edition, string epoch, string newEpoch);
}
