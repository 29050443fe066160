namespace Alerts.Server.Judgement;

internal static partial class JudgementLog
{
    [LoggerMessage(7000, LogLevel.Information, "Edition {Edition}: refused a near-duplicate of {DuplicateOf} (similarity {Similarity:0.000}) from {Author}")]
    public static partial void DuplicateRefused(ILogger logger, string edition, string duplicateOf, double similarity, string author);

    [LoggerMessage(7001, LogLevel.Information, "Edition {Edition}: alert {AlertId} allowed as a near-duplicate of {DuplicateOf} (similarity {Similarity:0.000}) by {Author}")]
    public static partial void DuplicateAllowed(ILogger logger, string alertId, string edition, string duplicateOf, double similarity, string author);

    [LoggerMessage(7002, LogLevel.Warning, "Writing this node's reader counts to Redis failed; the next heartbeat retries")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);
}
