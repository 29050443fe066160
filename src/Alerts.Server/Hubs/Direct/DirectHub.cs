using System.Net.WebSockets;
using Alerts.Core.Editions;
using Alerts.Server.Fanout;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// Serves <see cref="AlertsHub"/>'s WebSocket connections that skip negotiation (ticker.js, the load
/// generator, any SignalR client with <c>skipNegotiation</c>) without SignalR's per-connection
/// machinery. SignalR puts two pipes, a send loop and a thread-pool hop between a group send and
/// each socket, and ~20 KB of state under every idle connection; here a broadcast is one encoded
/// record written straight to each WebSocket, and an idle connection is the socket and a few fields.
/// The wire protocol, the hub's methods and its guarantees are the same; negotiated connections,
/// other transports and MessagePack stay with SignalR, on the same path.
/// </summary>
internal sealed class DirectHub(
    EditionFeeds feeds,
    Taxonomy taxonomy,
    DirectConnections connections,
    IOptions<HubOptions> hubOptions,
    HubConnectionLimits limits,
    ILogger<DirectHub> logger)
{
    /// <inheritdoc cref="HubConnectionLimits.MaxQueuedBytes"/>
    public int MaxQueuedBytes { get; } = limits.MaxQueuedBytes;

    /// <inheritdoc cref="HubConnectionLimits.HistoryPaceBytes"/>
    public int HistoryPaceBytes { get; } = limits.HistoryPaceBytes;

    /// <summary>As SignalR's transport send timeout: a write that has not completed by then belongs to a dead client.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    public EditionFeeds Feeds => feeds;

    public ReplayBudget NewReplayBudget() => limits.NewReplayBudget();

    public Taxonomy Taxonomy => taxonomy;

    public ILogger Logger => logger;

    public DirectConnections Connections => connections;

    // SignalR's limits, read once: the heartbeat consults them for every connection every second.
    public int MaximumReceiveMessageSize { get; } = (int)(hubOptions.Value.MaximumReceiveMessageSize ?? 32 * 1024);

    public long KeepAliveMilliseconds { get; } = (long)(hubOptions.Value.KeepAliveInterval ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;

    public long ClientTimeoutMilliseconds { get; } = (long)(hubOptions.Value.ClientTimeoutInterval ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;

    public long HandshakeTimeoutMilliseconds { get; } = (long)(hubOptions.Value.HandshakeTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;

    /// <summary>A WebSocket upgrade at the hub's path without a negotiated connection id.</summary>
    public static bool Accepts(HttpContext context) =>
        context.Request.Path.Equals(AlertsHub.Path, StringComparison.Ordinal)
        && HttpMethods.IsGet(context.Request.Method)
        && context.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Query.ContainsKey("id");

    /// <summary>
    /// The front door, as Kestrel connection middleware: a connection that opens with a WebSocket
    /// upgrade to the hub is answered here and never becomes an HTTP request, which saves the
    /// request's whole object graph (~6 KB) for as long as the connection lasts and a layer of
    /// writes per message. Every other connection, untouched, goes on to Kestrel's HTTP server.
    /// </summary>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        bool accepted;
        try
        {
            accepted = await TryAcceptAsync(connection);
        }
        catch (Exception e) when (e is OperationCanceledException or ConnectionResetException or IOException)
        {
            // Gone, or silent for longer than a handshake may take (Kestrel's own limits only apply to HTTP).
            connection.Abort();
            return;
        }

        if (accepted)
        {
            // The long-lived await holds only the stream: the request head and its parse are gone with TryAcceptAsync.
            await using var transport = new DuplexPipeStream(connection.Transport);
            using var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            await new DirectConnection(connection.ConnectionId, socket, this, connection.ConnectionClosed, connection.Abort).RunAsync();
        }
        else
        {
            await next(connection);
        }
    }

    /// <summary>
    /// Reads the connection's request head, without consuming anything that is not a hub upgrade, and
    /// answers an upgrade. A client gets the hub's handshake timeout to send it: waiting longer would
    /// let connections that never speak pile up outside Kestrel's timeouts.
    /// </summary>
    private async Task<bool> TryAcceptAsync(ConnectionContext connection)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        patience.CancelAfter(TimeSpan.FromMilliseconds(HandshakeTimeoutMilliseconds));
        var input = connection.Transport.Input;
        while (true)
        {
            var read = await input.ReadAsync(patience.Token);
            var verdict = WebSocketUpgrade.Read(read.Buffer, out var headLength, out var key);
            if (verdict == WebSocketUpgrade.Verdict.Incomplete && !read.IsCompleted)
            {
                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }

            if (verdict != WebSocketUpgrade.Verdict.Hub)
            {
                input.AdvanceTo(read.Buffer.Start);
                return false;
            }

            input.AdvanceTo(read.Buffer.GetPosition(headLength));
            await connection.Transport.Output.WriteAsync(WebSocketUpgrade.Accepted(key), patience.Token);
            return true;
        }
    }

    /// <summary>The side door, as HTTP middleware: upgrades Kestrel did not leave to <see cref="OnConnectionAsync"/> (TLS, a reused keep-alive connection).</summary>
    public async Task RunAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await new DirectConnection(context.Connection.Id, socket, this, context.RequestAborted, context.Abort).RunAsync();
    }
}
