namespace Alerts.Server.Push;

internal static partial class PushLog
{
    [LoggerMessage(3003, LogLevel.Information, "Push job {JobId}: {Start} (attempt {Attempt}), after '{Cursor}'")]
    public static partial void ItemStarted(ILogger logger, string jobId, Sending.PushItemStart start, int attempt, string cursor);

    [LoggerMessage(3004, LogLevel.Information, "Push job {JobId} finished")]
    public static partial void JobFinished(ILogger logger, string jobId);

    [LoggerMessage(3013, LogLevel.Information, "Push job {JobId}: sent to every target that is awake; queued again for devices in their quiet hours")]
    public static partial void JobWaitsForQuietHours(ILogger logger, string jobId);

    [LoggerMessage(3015, LogLevel.Information, "Push job {JobId}: this node is stopping; recorded the page in flight and handed the job back")]
    public static partial void JobHandedBack(ILogger logger, string jobId);

    [LoggerMessage(3005, LogLevel.Warning, "Push job {JobId}: stopped without recording the page in flight (the lease was lost, or the node stopped and the page outlasted the grace period)")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(3006, LogLevel.Information, "Push job {JobId}: alert {AlertId} has expired; not sending")]
    public static partial void AlertExpired(ILogger logger, string jobId, string alertId);

    [LoggerMessage(3007, LogLevel.Error, "Push job {JobId}: FCM refused the credentials twice (after a token refresh); check Alerts:Fcm:CredentialsFile. Retrying the job in {Delay}")]
    public static partial void AuthenticationFailed(ILogger logger, string jobId, TimeSpan delay, Exception exception);

    [LoggerMessage(3008, LogLevel.Warning, "FCM quota exceeded; pausing every send of this node for {Pause}")]
    public static partial void QuotaExceeded(ILogger logger, TimeSpan pause);

    [LoggerMessage(3009, LogLevel.Debug, "Send to {Target} failed and is not retried: {Reason}")]
    public static partial void SendFailed(ILogger logger, string target, string reason);

    [LoggerMessage(3014, LogLevel.Warning, "Push job {JobId}: {Failed} of {Targets} sends in a batch failed for good; the first because: {Reason}")]
    public static partial void BatchHadFailures(ILogger logger, string jobId, int failed, int targets, string? reason);

    [LoggerMessage(3010, LogLevel.Information, "Pruned device token {Token}: {Reason}")]
    public static partial void TokenPruned(ILogger logger, string token, string reason);


    [LoggerMessage(3011, LogLevel.Warning, "Push background step failed; retrying")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);

    [LoggerMessage(3017, LogLevel.Information, "Removed {Count} device registrations that were not renewed within {Ttl}")]
    public static partial void RegistrationsExpired(ILogger logger, int count, TimeSpan ttl);

    [LoggerMessage(3018, LogLevel.Information, "Push job {JobId}: alert {AlertId} was retracted before its held devices woke; they get nothing")]
    public static partial void HeldDevicesDropped(ILogger logger, string jobId, string alertId);

    [LoggerMessage(3012, LogLevel.Warning, "Mirroring device {Token} into topics failed: {Reason}")]
    public static partial void MirrorFailed(ILogger logger, string token, string reason);

    [LoggerMessage(3019, LogLevel.Warning, "The embedded store holds {Registrations} device registrations of its cap of {Limit} (Alerts:Embedded:MaxRegistrations); past the cap new registrations are refused: configure Redis (see docs/operations.md)")]
    public static partial void RegistrationsNearCap(ILogger logger, long registrations, long limit);
}
