using System.Buffers;
using System.Net.WebSockets;
using Alerts.Server.Fanout;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// One hub connection served by <see cref="DirectHub"/>. Sends never wait on the client: a record
/// goes out at once when the socket is free, or joins the queue the send in flight will write next
/// (several queued records leave as one frame). Records are queued in the order they are sent, so a
/// connection sees its edition's events in seq order, history before live.
/// </summary>
/// <param name="id">The transport's connection id, for the logs.</param>
/// <param name="socket">The WebSocket, over Kestrel's connection or an upgraded HTTP request.</param>
/// <param name="hub">Settings and feeds shared by every connection.</param>
/// <param name="closed">Fires when the underlying connection ends.</param>
/// <param name="abort">Ends the underlying connection at once.</param>
internal sealed partial class DirectConnection(string id, WebSocket socket, DirectHub hub, CancellationToken closed, Action abort) : IFeedSubscriber
{
    private readonly Lock _sendLock = new();
    private readonly long _openedAt = Environment.TickCount64;
    private List<byte[]>? _queued;
    private int _queuedBytes;
    private bool _sending;
    private bool _closed;
    private TaskCompletionSource? _drained;
    private long _sendStartedAt;
    private long _lastSentAt = Environment.TickCount64;
    private long _lastReceivedAt = Environment.TickCount64;
    private bool _handshaken;
    // Made on the first Subscribe with history: most connections subscribe once, live only.
    private ReplayBudget? _replayBudget;

    // A connection follows one or a few editions: an array costs a fraction of a set's buckets.
    public string[] Editions { get; set; } = [];

    public ReplayBudget ReplayBudget => _replayBudget ??= hub.NewReplayBudget();

    /// <summary>Queues a record for the client; a client too far behind is disconnected instead.</summary>
    public void Send(byte[] record)
    {
        int queuedBytes;
        lock (_sendLock)
        {
            if (_closed)
            {
                return;
            }

            if (!_sending)
            {
                _sending = true;
                queuedBytes = 0;
            }
            else if ((queuedBytes = _queuedBytes + record.Length) <= hub.MaxQueuedBytes)
            {
                (_queued ??= []).Add(record);
                _queuedBytes = queuedBytes;
                return;
            }
        }

        if (queuedBytes > hub.MaxQueuedBytes)
        {
            DirectHubLog.SlowClientDisconnected(hub.Logger, id, queuedBytes);
            Abort();
            return;
        }

        _ = WriteAsync(record);
    }

    public void Send(FeedMessage message) => Send(message.Encoded(HubRecordEncoding.Instance));

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken) => WhenSentAsync(hub.HistoryPaceBytes).WaitAsync(cancellationToken);

    /// <summary>
    /// Once a second from <see cref="DirectHeartbeat"/>: pings an idle client, and ends a connection
    /// whose client went silent, never finished its handshake, or stopped reading.
    /// </summary>
    public void Tick(long now)
    {
        var sendStartedAt = Volatile.Read(ref _sendStartedAt);
        if (sendStartedAt != 0 && now - sendStartedAt > DirectHub.SendTimeout.TotalMilliseconds)
        {
            DirectHubLog.SendTimedOut(hub.Logger, id);
            Abort();
        }
        else if (!Volatile.Read(ref _handshaken) && now - _openedAt > hub.HandshakeTimeoutMilliseconds)
        {
            Abort();
        }
        else if (now - Volatile.Read(ref _lastReceivedAt) > hub.ClientTimeoutMilliseconds)
        {
            Send(HubFrames.Closed("Server timeout elapsed without receiving a message from the client."));
            Abort();
        }
        else if (Volatile.Read(ref _handshaken) && now - Volatile.Read(ref _lastSentAt) >= hub.KeepAliveMilliseconds)
        {
            Send(HubFrames.Ping);
        }
    }

    /// <summary>Asks the client to close and reconnect; it closes the socket, which ends <see cref="RunAsync"/>.</summary>
    public void GoAway() => Send(HubFrames.GoingAway);

    public void Abort()
    {
        MarkClosed();
        abort();
    }

    /// <summary>Nothing more is sent; whoever waits for the queue to drain stops waiting.</summary>
    private void MarkClosed()
    {
        TaskCompletionSource? drained;
        lock (_sendLock)
        {
            _closed = true;
            _queued = null;
            (drained, _drained) = (_drained, null);
        }

        drained?.TrySetResult();
    }

    /// <summary>Completes once no more than <paramref name="queuedBytes"/> wait to be sent (the whole queue, by default).</summary>
    private Task WhenSentAsync(int queuedBytes = 0)
    {
        lock (_sendLock)
        {
            return _closed || !_sending || _queuedBytes < queuedBytes
                ? Task.CompletedTask
                : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private async Task WriteAsync(byte[] record)
    {
        var length = record.Length;
        byte[]? joined = null;
        try
        {
            while (true)
            {
                Volatile.Write(ref _sendStartedAt, Environment.TickCount64);
                await socket.SendAsync(record.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                if (joined is not null)
                {
                    ArrayPool<byte>.Shared.Return(joined);
                    joined = null;
                }

                TaskCompletionSource? drained;
                lock (_sendLock)
                {
                    Volatile.Write(ref _sendStartedAt, 0);
                    Volatile.Write(ref _lastSentAt, Environment.TickCount64);
                    if (!_closed && _queued is { Count: > 0 })
                    {
                        (record, length) = _queued.Count == 1 ? (_queued[0], _queuedBytes) : (joined = Join(_queued, _queuedBytes), _queuedBytes);
                        _queued.Clear();
                        _queuedBytes = 0;
                        continue;
                    }

                    _sending = false;
                    _queuedBytes = 0;
                    (drained, _drained) = (_drained, null);
                }

                drained?.TrySetResult();
                return;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
    }

    /// <summary>Several records in one frame, as SignalR clients read them: each ends with its separator.</summary>
    private static byte[] Join(List<byte[]> records, int length)
    {
        var joined = ArrayPool<byte>.Shared.Rent(length);
        var offset = 0;
        foreach (var record in records)
        {
            record.CopyTo(joined, offset);
            offset += record.Length;
        }

        return joined;
    }
}
