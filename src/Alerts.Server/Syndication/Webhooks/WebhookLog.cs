namespace Alerts.Server.Syndication.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(9000, LogLevel.Information, "Webhook {Webhook}, edition {Edition}: this node delivers, from seq {Seq}")]
    public static partial void Holding(ILogger logger, string webhook, string edition, long seq);

    [LoggerMessage(9001, LogLevel.Warning, "Webhook {Webhook}: {MessageId} failed (attempt {Attempt}, {Error}); next attempt at {NextAttemptAt:o}")]
    public static partial void Failed(ILogger logger, string webhook, string messageId, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(9002, LogLevel.Error, "Webhook {Webhook}: {MessageId} abandoned after {Attempts} attempts over {Duration}")]
    public static partial void Abandoned(ILogger logger, string webhook, string messageId, int attempts, TimeSpan duration);

    [LoggerMessage(9003, LogLevel.Error, "Webhook {Webhook}, edition {Edition}: seqs {From}-{To} left the log before they were delivered")]
    public static partial void FellBehindRetention(ILogger logger, string webhook, string edition, long from, long to);

    [LoggerMessage(9004, LogLevel.Warning, "Webhook {Webhook}, edition {Edition}: delivering failed; retrying")]
    public static partial void LoopFailed(ILogger logger, string webhook, string edition, Exception exception);

    [LoggerMessage(9005, LogLevel.Warning, "Webhooks: could not place the cursors at start (Redis unavailable?); each is placed when it first runs")]
    public static partial void StartCursorsFailed(ILogger logger, Exception exception);

    [LoggerMessage(9006, LogLevel.Warning, "Webhook {Webhook}, edition {Edition}: the cursor ({Cursor}) is past the log's end ({Latest}); the log was rewound, following it")]
    public static partial void LogRewound(ILogger logger, string webhook, string edition, long cursor, long latest);

    [LoggerMessage(9007, LogLevel.Warning, "Webhook {Webhook}, edition {Edition}: could not hand the lease over at stop; it expires on its own")]
    public static partial void ReleaseFailed(ILogger logger, string webhook, string edition, Exception exception);
}
