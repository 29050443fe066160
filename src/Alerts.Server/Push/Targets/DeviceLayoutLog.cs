namespace Alerts.Server.Push.Targets;

internal static partial class DeviceLayoutLog
{
    [LoggerMessage(3090, LogLevel.Information, "Device registry: {Converted} registrations moved to the compact layout in {Elapsed}")]
    public static partial void Upgraded(ILogger logger, long converted, TimeSpan elapsed);

    [LoggerMessage(3091, LogLevel.Warning, "Device registry: a legacy registration could not be read and was dropped")]
    public static partial void Unreadable(ILogger logger);
}
