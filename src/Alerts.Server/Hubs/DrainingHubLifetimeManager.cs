using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alerts.Server.Hubs;

/// <summary>
/// SignalR's in-memory lifetime manager, plus each connection's bounded queue
/// (<see cref="NegotiatedConnection"/>: the feeds send through it, never through SignalR's groups),
/// and a way to close every connection gracefully. SignalR's
/// own shutdown aborts connections without a close message; a ticker then sees an error instead of
/// "the server is going away, reconnect", which is what it needs to move to another node at once.
/// </summary>
internal sealed class DrainingHubLifetimeManager(HubConnectionLimits limits, ILogger<DefaultHubLifetimeManager<AlertsHub>> logger)
    : DefaultHubLifetimeManager<AlertsHub>(logger)
{
    private static readonly CloseMessage GoingAway = new(error: null, allowReconnect: true);

    private readonly ConcurrentDictionary<string, NegotiatedConnection> _connections = new(StringComparer.Ordinal);

    public int ConnectionCount => _connections.Count;

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = new NegotiatedConnection(connection, limits);
        return base.OnConnectedAsync(connection);
    }

    /// <summary>The queue in front of a connection this manager serves.</summary>
    public NegotiatedConnection this[string connectionId] => _connections[connectionId];

    /// <summary>Whether the connection is open and not yet aborted (SignalR may take a while to notice an abort).</summary>
    public bool IsOpen(string connectionId) => _connections.TryGetValue(connectionId, out var connection) && !connection.IsClosed;

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out var negotiated))
        {
            negotiated.MarkClosed();
        }

        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>
    /// Tells every client to close and reconnect (elsewhere), waits until they have closed or
    /// <paramref name="timeout"/> passes, then ends what is left. The clients close first, so each
    /// WebSocket ends with a complete close handshake rather than a reset when the host stops.
    /// </summary>
    public async Task CloseAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_connections.Values.Select(async connection =>
        {
            try
            {
                await connection.Context.WriteAsync(GoingAway, cancellationToken);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
            {
                // Already gone; nothing to say goodbye to.
            }
        }));

        var deadline = DateTime.UtcNow + timeout;
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }

        foreach (var straggler in _connections.Values)
        {
            straggler.Context.Abort();
        }
    }
}
