using System.Collections.Concurrent;

namespace Alerts.Server.Hubs.Direct;

/// <summary>The node's open <see cref="DirectConnection"/>s: for the heartbeat, and for closing them all on shutdown.</summary>
internal sealed class DirectConnections
{
    private readonly ConcurrentDictionary<DirectConnection, byte> _open = new();

    public int Count => _open.Count;

    public void Add(DirectConnection connection) => _open.TryAdd(connection, 0);

    public void Remove(DirectConnection connection) => _open.TryRemove(connection, out _);

    public void Tick()
    {
        var now = Environment.TickCount64;
        foreach (var (connection, _) in _open)
        {
            connection.Tick(now);
        }
    }

    /// <summary>
    /// Tells every client to close and reconnect (elsewhere), waits until they have closed or
    /// <paramref name="timeout"/> passes, then aborts what is left.
    /// </summary>
    public async Task CloseAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var (connection, _) in _open)
        {
            connection.GoAway();
        }

        var deadline = DateTime.UtcNow + timeout;
        while (!_open.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        foreach (var (straggler, _) in _open)
        {
            straggler.Abort();
        }
    }
}
