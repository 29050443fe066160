using Alerts.Server.Fanout;
using Alerts.Server.Hubs;

namespace Alerts.Server.Syndication;

/// <summary>
/// One reader of <c>GET /api/v1/editions/{edition}/stream</c>: a bounded queue of Server-Sent Events
/// frames that the relay adds to and never waits for, written by the request's own loop; a comment
/// when nothing was sent for a while keeps proxies from closing the stream. A reader that lets the
/// queue pass <see cref="HubConnectionLimits.MaxQueuedBytes"/> is disconnected, as a slow hub client
/// is; its EventSource reconnects with <c>Last-Event-ID</c> and resumes.
/// </summary>
internal sealed class StreamConnection(HttpContext context, HubConnectionLimits limits) : IFeedSubscriber
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly Queue<byte[]> _queued = new();
    private readonly SemaphoreSlim _ready = new(0);
    private int _queuedBytes;
    private bool _closed;

    public string[] Editions { get; set; } = [];

    public ReplayBudget ReplayBudget { get; } = limits.NewReplayBudget();

    public void Send(FeedMessage message)
    {
        var frame = message.Encoded(StreamFrameEncoding.Instance);
        int queuedBytes;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            queuedBytes = _queuedBytes + frame.Length;
            if (queuedBytes <= limits.MaxQueuedBytes)
            {
                _queued.Enqueue(frame);
                _queuedBytes = queuedBytes;
            }
        }

        if (queuedBytes > limits.MaxQueuedBytes)
        {
            StreamLog.SlowReaderDisconnected(limits.Logger, context.Connection.Id, queuedBytes);
            Abort();
            return;
        }

        _ready.Release();
    }

    public async Task WhenReadyForHistoryAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_closed || _queuedBytes <= limits.HistoryPaceBytes)
                {
                    return;
                }
            }

            // The writer loop drains the queue; history waits a moment rather than crowding it.
            await Task.Delay(5, cancellationToken);
        }
    }

    public void Abort()
    {
        lock (_lock)
        {
            _closed = true;
            _queued.Clear();
            _queuedBytes = 0;
        }

        context.Abort();
    }

    /// <summary>Writes what is queued until the reader goes away, with a comment after <paramref name="keepAlive"/> of silence.</summary>
    public async Task WriteAsync(TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var body = context.Response.Body;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await _ready.WaitAsync(keepAlive, cancellationToken))
            {
                await body.WriteAsync(KeepAlive, cancellationToken);
                await body.FlushAsync(cancellationToken);
                continue;
            }

            byte[]? frame;
            while (true)
            {
                lock (_lock)
                {
                    if (_closed || !_queued.TryPeek(out frame))
                    {
                        break;
                    }
                }

                // Counted against the bound until written: a reader that does not read backs the queue up.
                await body.WriteAsync(frame, cancellationToken);
                lock (_lock)
                {
                    if (_queued.Count > 0)
                    {
                        _queued.Dequeue();
                        _queuedBytes -= frame.Length;
                    }
                }
            }

            await body.FlushAsync(cancellationToken);
        }
    }
}
