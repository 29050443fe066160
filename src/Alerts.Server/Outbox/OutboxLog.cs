namespace Alerts.Server.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(9000, LogLevel.Information, "Outlet {Outlet}, edition {Edition}: this node delivers, from seq {Seq}")]
    public static partial void Holding(ILogger logger, string outlet, string edition, long seq);

    [LoggerMessage(9001, LogLevel.Warning, "Outlet {Outlet}: {MessageId} failed (attempt {Attempt}, {Error}); next attempt at {NextAttemptAt:o}")]
    public static partial void Failed(ILogger logger, string outlet, string messageId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(9002, LogLevel.Error, "Outlet {Outlet}: {MessageId} abandoned after {Attempts} attempts over {Duration}")]
    public static partial void Abandoned(ILogger logger, string outlet, string messageId, int attempts, TimeSpan duration);

    [LoggerMessage(9003, LogLevel.Error, "Outlet {Outlet}, edition {Edition}: seqs {From}-{To} left the log before they were delivered")]
    public static partial void FellBehindRetention(ILogger logger, string outlet, string edition, long from, long to);

    [LoggerMessage(9004, LogLevel.Warning, "Outlet {Outlet}, edition {Edition}: delivering failed; retrying")]
    public static partial void LoopFailed(ILogger logger, string outlet, string edition, Exception exception);

    [LoggerMessage(9005, LogLevel.Warning, "Outbox: could not place the cursors at start (Redis unavailable?); each is placed when it first runs")]
    public static partial void StartCursorsFailed(ILogger logger, Exception exception);

    [LoggerMessage(9006, LogLevel.Warning, "Outlet {Outlet}, edition {Edition}: the cursor ({Cursor}) is past the log's end ({Latest}); the log was rewound, following it")]
    public static partial void LogRewound(ILogger logger, string outlet, string edition, long cursor, long latest);

    [LoggerMessage(9007, LogLevel.Warning, "Outlet {Outlet}, edition {Edition}: could not hand the lease over at stop; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, string outlet, string edition, Exception exception);

    [LoggerMessage(9008, LogLevel.Error, "Outlet {Outlet}: {MessageId} rejected for good ({Error}); not retried")]
    public static partial void Rejected(ILogger logger, string outlet, string messageId, string error);

    [LoggerMessage(9009, LogLevel.Warning, "Outlet {Outlet}, edition {Edition}: the lease went to another node mid-item; it resumes from the saved progress")]
    public static partial void LeaseLost(ILogger logger, string outlet, string edition);

    [LoggerMessage(9010, LogLevel.Warning, "Outlet {Outlet}, edition {Edition}: could not renew the lease; stopping the item rather than risk a second sender")]
    public static partial void RenewFailed(ILogger logger, string outlet, string edition, Exception exception);
}
