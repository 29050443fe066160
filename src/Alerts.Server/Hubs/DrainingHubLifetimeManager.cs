using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alerts.Server.Hubs;

/// <summary>
/// SignalR's in-memory lifetime manager, plus a way to close every connection gracefully. SignalR's
/// own shutdown aborts connections without a close message; a ticker then sees an error instead of
/// "the server is going away, reconnect", which is what it needs to move to another node at once.
/// </summary>
internal sealed class DrainingHubLifetimeManager(ILogger<DefaultHubLifetimeManager<AlertsHub>> logger)
    : DefaultHubLifetimeManager<AlertsHub>(logger)
{
    private static readonly CloseMessage GoingAway = new(error: null, allowReconnect: true);

    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    public int ConnectionCount => _connections.Count;

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
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
                await connection.WriteAsync(GoingAway, cancellationToken);
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
            straggler.Abort();
        }
    }
}
