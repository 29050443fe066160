using System.Buffers;
using System.Net.WebSockets;
using Alerts.Server.Fanout;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// One hub connection served by <see cref="DirectHub"/>. Sends never wait on the client: records go
/// through the connection's <see cref="SendQueue{T}"/>, out at once when the socket is free, or with
/// the next write (several queued records leave as one frame). Records are queued in the order they
/// are sent, so a connection sees its edition's events in seq order, history before live.
/// </summary>
/// <param name="id">The transport's connection id, for the logs.</param>
/// <param name="socket">The WebSocket, over Kestrel's connection or an upgraded HTTP request.</param>
/// <param name="hub">Settings and subscriptions shared by every connection.</param>
/// <param name="closed">Fires when the underlying connection ends.</param>
/// <param name="abort">Ends the underlying connection at once.</param>
internal sealed partial class DirectConnection(string id, WebSocket socket, DirectHub hub, CancellationToken closed, Action abort) : IFeedSubscriber
{
    private readonly SendQueue<byte[]> _queue = new(hub.MaxQueuedBytes, (records, length) => WriteAsync(socket, records, length), abort);
    private readonly long _openedAt = Environment.TickCount64;
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
        var queuedBytes = _queue.Enqueue(record, record.Length);
        if (queuedBytes > hub.MaxQueuedBytes)
        {
            DirectHubLog.SlowClientDisconnected(hub.Logger, id, queuedBytes);
            Abort();
        }
    }

    public void Send(FeedMessage message) => Send(message.Encoded(HubRecordEncoding.Instance));

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken) => _queue.WhenQueuedAtMostAsync(hub.HistoryPaceBytes, cancellationToken);

    /// <summary>
    /// Once a second from <see cref="DirectHeartbeat"/>: pings an idle client, and ends a connection
    /// whose client went silent, never finished its handshake, or stopped reading.
    /// </summary>
    public void Tick(long now)
    {
        var sendStartedAt = _queue.SendStartedAt;
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
        else if (Volatile.Read(ref _handshaken) && now - _queue.LastSentAt >= hub.KeepAliveMilliseconds)
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
    private void MarkClosed() => _queue.Close();

    /// <summary>Completes once everything queued so far is written.</summary>
    private Task WhenSentAsync() => _queue.WhenQueuedAtMostAsync();

    /// <summary>Writes the records as one frame, as SignalR clients read several: each ends with its separator.</summary>
    private static async ValueTask WriteAsync(WebSocket socket, List<byte[]> records, int length)
    {
        if (records.Count == 1)
        {
            await socket.SendAsync(records[0], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            return;
        }

        var joined = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var offset = 0;
            foreach (var record in records)
            {
                record.CopyTo(joined, offset);
                offset += record.Length;
            }

            await socket.SendAsync(joined.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }
}
