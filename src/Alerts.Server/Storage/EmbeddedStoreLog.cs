namespace Alerts.Server.Storage;

internal static partial class EmbeddedStoreLog
{
    [LoggerMessage(1000, LogLevel.Information, "Embedded Garnet listening on 127.0.0.1:{Port}, data in {DataDir}")]
    public static partial void EmbeddedGarnetStarted(ILogger logger, int port, string dataDir);

    [LoggerMessage(1150, LogLevel.Information, "Embedded Garnet checkpoints every {Interval} and when its append-only file passes {AofBytes} bytes")]
    public static partial void CheckpointsScheduled(ILogger logger, TimeSpan interval, long aofBytes);

    [LoggerMessage(1151, LogLevel.Warning, "The embedded store in {DataDir} was an append-only file of an earlier release: checkpointed and converted in {Elapsed}")]
    public static partial void LegacyAppendOnlyFileCheckpointed(ILogger logger, string dataDir, TimeSpan elapsed);
}
