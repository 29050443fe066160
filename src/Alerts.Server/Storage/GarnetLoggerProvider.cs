namespace Alerts.Server.Storage;

/// <summary>
/// Hands Garnet loggers of the application's factory under one <c>Garnet.</c> category prefix, so its
/// many categories (Options, GarnetLog, TsavoriteKV, …) are filtered with one setting, <c>Logging:LogLevel:Garnet</c>.
/// </summary>
internal sealed class GarnetLoggerProvider(ILoggerFactory application) : ILoggerProvider
{
    public const string CategoryPrefix = "Garnet";

    public ILogger CreateLogger(string categoryName) => new GarnetLogger(application.CreateLogger($"{CategoryPrefix}.{categoryName}"));

    public void Dispose()
    {
        // The application's factory belongs to the host.
    }
}
