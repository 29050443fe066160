using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// What <see cref="Direct.DirectConnection"/> gives a direct connection, for a connection SignalR
/// serves (negotiated WebSockets, Server-Sent Events, long polling): the same <see cref="SendQueue{T}"/>
/// in front of SignalR's own write, bounded in bytes and drained by one write at a time. The relay only
/// ever queues; a connection whose queue passes the bound is aborted, reconnects and resumes from the
/// log. SignalR's group send, by contrast, waits for its slowest connection.
/// </summary>
internal sealed class NegotiatedConnection : IFeedSubscriber
{
    private readonly HubConnectionContext _context;
    private readonly HubConnectionLimits _limits;
    private readonly SendQueue<SerializedHubMessage> _queue;
    private readonly FeedEncoding<SerializedHubMessage> _encoding;
    private ReplayBudget? _replayBudget;

    public NegotiatedConnection(HubConnectionContext context, HubConnectionLimits limits)
    {
        _context = context;
        _limits = limits;
        _queue = new SendQueue<SerializedHubMessage>(limits.MaxQueuedBytes, WriteAsync, context.Abort);
        // The hub serves two protocols; each message is built once per protocol and shared by its connections.
        _encoding = context.Protocol.Name == HubMessagePackEncoding.Protocol ? HubMessagePackEncoding.Instance : HubMessageEncoding.Instance;
    }

    public HubConnectionContext Context => _context;

    public string[] Editions { get; set; } = [];

    /// <summary>Whether the connection was aborted or ended: nothing more is queued for it.</summary>
    public bool IsClosed => _queue.IsClosed;

    public ReplayBudget ReplayBudget => _replayBudget ??= _limits.NewReplayBudget();

    public void Send(FeedMessage message)
    {
        var serialized = message.Encoded(_encoding);
        // Serialized once per protocol for all connections; only its length is this connection's.
        var queuedBytes = _queue.Enqueue(serialized, serialized.GetSerializedMessage(_context.Protocol).Length);
        if (queuedBytes > _limits.MaxQueuedBytes)
        {
            HubLog.SlowClientDisconnected(_limits.Logger, _context.ConnectionId, queuedBytes);
            Abort();
        }
    }

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken) => _queue.WhenQueuedAtMostAsync(_limits.HistoryPaceBytes, cancellationToken);

    /// <summary>Completes once everything queued so far has been handed to SignalR.</summary>
    public Task WhenSentAsync(CancellationToken cancellationToken) => _queue.WhenQueuedAtMostAsync(0, cancellationToken);

    public void Abort()
    {
        MarkClosed();
        _context.Abort();
    }

    /// <summary>Nothing more is queued; whoever waits for the queue stops waiting.</summary>
    public void MarkClosed() => _queue.Close();

    private async ValueTask WriteAsync(List<SerializedHubMessage> messages, int bytes)
    {
        foreach (var message in messages)
        {
            await _context.WriteAsync(message, CancellationToken.None);
        }
    }
}
