using System.Net.WebSockets;
using Alerts.Server.Fanout;
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
    LiveSubscriptions subscriptions,
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

    public LiveSubscriptions Subscriptions => subscriptions;

    public ReplayBudget NewReplayBudget() => limits.NewReplayBudget();

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
    /// Serves an upgrade Kestrel parsed, as HTTP middleware. Kestrel is the only HTTP parser: an
    /// earlier front door that answered upgrades from a connection's raw bytes saved ~6 KB per idle
    /// connection but accepted heads Kestrel refuses and skipped every HTTP-level policy.
    /// </summary>
    public async Task RunAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
        }
        catch (InvalidOperationException) when (!context.Response.HasStarted)
        {
            // Kestrel's MaxConcurrentUpgradedConnections is reached (it offers no way to ask first): the node is full.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return;
        }

        using var _ = socket;
        await new DirectConnection(context.Connection.Id, socket, this, context.RequestAborted, context.Abort).RunAsync();
    }
}
