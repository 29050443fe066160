using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// What <see cref="Direct.DirectConnection"/> gives a direct connection, for a connection SignalR
/// serves (negotiated WebSockets, Server-Sent Events, long polling): a queue in front of SignalR's
/// own write, bounded in bytes and drained by this connection's own task. The relay only ever
/// queues; a connection whose queue passes the bound is aborted, reconnects and resumes from the log.
/// SignalR's group send, by contrast, waits for its slowest connection.
/// </summary>
internal sealed class NegotiatedConnection(HubConnectionContext context, HubConnectionLimits limits) : IFeedSubscriber
{
    private readonly Lock _lock = new();
    private readonly Queue<(SerializedHubMessage Message, int Bytes)> _queued = new();
    private int _queuedBytes;
    private bool _draining;
    private bool _closed;
    private TaskCompletionSource? _drained;
    private ReplayBudget? _replayBudget;

    public HubConnectionContext Context => context;

    public string[] Editions { get; set; } = [];

    /// <summary>Whether the connection was aborted or ended: nothing more is queued for it.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    public ReplayBudget ReplayBudget => _replayBudget ??= limits.NewReplayBudget();

    public void Send(FeedMessage message)
    {
        var serialized = message.Encoded(HubMessageEncoding.Instance);
        // Serialized once per protocol for all connections; only its length is this connection's.
        var bytes = serialized.GetSerializedMessage(context.Protocol).Length;
        int queuedBytes;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            queuedBytes = _queuedBytes + bytes;
            if (queuedBytes <= limits.MaxQueuedBytes)
            {
                _queued.Enqueue((serialized, bytes));
                _queuedBytes = queuedBytes;
                if (_draining)
                {
                    return;
                }

                _draining = true;
            }
        }

        if (queuedBytes > limits.MaxQueuedBytes)
        {
            HubLog.SlowClientDisconnected(limits.Logger, context.ConnectionId, queuedBytes);
            Abort();
            return;
        }

        _ = DrainAsync();
    }

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken) => WhenQueuedAtMostAsync(limits.HistoryPaceBytes, cancellationToken);

    /// <summary>Completes once everything queued so far has been handed to SignalR.</summary>
    public Task WhenSentAsync(CancellationToken cancellationToken) => WhenQueuedAtMostAsync(0, cancellationToken);

    public void Abort()
    {
        MarkClosed();
        context.Abort();
    }

    /// <summary>Nothing more is queued; whoever waits for the queue stops waiting.</summary>
    public void MarkClosed()
    {
        TaskCompletionSource? drained;
        lock (_lock)
        {
            _closed = true;
            _queued.Clear();
            _queuedBytes = 0;
            (drained, _drained) = (_drained, null);
        }

        drained?.TrySetResult();
    }

    private async Task WhenQueuedAtMostAsync(int bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task drained;
            lock (_lock)
            {
                if (_closed || _queuedBytes <= bytes)
                {
                    return;
                }

                // Woken whenever the queue is down to the history pace; a waiter for less looks again.
                drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await drained.WaitAsync(cancellationToken);
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                SerializedHubMessage message;
                int bytes;
                lock (_lock)
                {
                    if (_closed || !_queued.TryPeek(out var next))
                    {
                        _draining = false;
                        return;
                    }

                    (message, bytes) = next;
                }

                // A message counts against the bound until SignalR has taken it: one stuck in a write that a client does not read is still queued.
                await context.WriteAsync(message, CancellationToken.None);
                TaskCompletionSource? drained;
                lock (_lock)
                {
                    if (_closed)
                    {
                        return;
                    }

                    _queued.Dequeue();
                    _queuedBytes -= bytes;
                    drained = _queuedBytes <= limits.HistoryPaceBytes ? _drained : null;
                    if (drained is not null)
                    {
                        _drained = null;
                    }
                }

                drained?.TrySetResult();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Abort();
        }
    }
}
