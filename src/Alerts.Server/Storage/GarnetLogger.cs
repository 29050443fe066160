namespace Alerts.Server.Storage;

/// <summary>
/// Garnet's messages at their own level, but for its background tasks' cancellation when the node stops
/// (the index's auto-grow task reports it as an error at every stop): that is the stop, not a fault.
/// </summary>
internal sealed class GarnetLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is OperationCanceledException)
        {
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
