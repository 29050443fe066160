using System.Net.WebSockets;

namespace Alerts.Server.Fanout;

/// <summary>
/// One connection's queue of frames, whatever the transport: bounded in bytes, drained by one write
/// at a time, never awaited by whoever adds to it. What is queued while a write is in flight goes out
/// together in the next (<paramref name="write"/> gets the batch and its bytes). A frame counts against
/// <paramref name="maxBytes"/> until its write completes, so a client that stops reading fills the queue;
/// past the bound <see cref="Enqueue"/> refuses and the transport disconnects it (it resumes from the log).
/// </summary>
/// <param name="maxBytes">The bound (<c>Alerts:Hub:MaxQueuedBytes</c>).</param>
/// <param name="write">Writes a batch; an exception ends the queue and calls <paramref name="failed"/>.</param>
/// <param name="failed">The transport's abort, when a write fails.</param>
internal sealed class SendQueue<T>(int maxBytes, Func<List<T>, int, ValueTask> write, Action failed)
{
    private readonly Lock _lock = new();
    private List<T>? _queued;
    private int _queuedBytes;
    private bool _sending;
    private bool _closed;
    private TaskCompletionSource? _drained;
    private long _sendStartedAt;
    private long _lastSentAt = Environment.TickCount64;

    /// <summary>When the write in flight began (<see cref="Environment.TickCount64"/>), or 0 when none is.</summary>
    public long SendStartedAt => Volatile.Read(ref _sendStartedAt);

    /// <summary>When the last write completed.</summary>
    public long LastSentAt => Volatile.Read(ref _lastSentAt);

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

    /// <summary>
    /// Queues <paramref name="frame"/> and starts a write unless one is in flight. Returns the bytes
    /// it would then hold, above the bound when it refused (the caller disconnects),
    /// or 0 once closed.
    /// </summary>
    public int Enqueue(T frame, int bytes)
    {
        int queuedBytes;
        lock (_lock)
        {
            if (_closed)
            {
                return 0;
            }

            queuedBytes = _queuedBytes + bytes;
            if (queuedBytes > maxBytes)
            {
                return queuedBytes;
            }

            (_queued ??= []).Add(frame);
            _queuedBytes = queuedBytes;
            if (_sending)
            {
                return queuedBytes;
            }

            _sending = true;
        }

        _ = DrainAsync();
        return queuedBytes;
    }

    /// <summary>Completes once at most <paramref name="bytes"/> are queued or being written (nothing at all, by default), or the queue closed.</summary>
    public Task WhenQueuedAtMostAsync(int bytes = 0, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_closed || _queuedBytes <= bytes)
            {
                return Task.CompletedTask;
            }

            // Woken after every write; a waiter for less looks again.
            var drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            return WaitAsync(drained, bytes, cancellationToken);
        }
    }

    /// <summary>Nothing more is queued or written; whoever waits for the queue stops waiting.</summary>
    public void Close()
    {
        TaskCompletionSource? drained;
        lock (_lock)
        {
            _closed = true;
            _queued = null;
            _queuedBytes = 0;
            (drained, _drained) = (_drained, null);
        }

        drained?.TrySetResult();
    }

    private async Task WaitAsync(Task drained, int bytes, CancellationToken cancellationToken)
    {
        await drained.WaitAsync(cancellationToken);
        await WhenQueuedAtMostAsync(bytes, cancellationToken);
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                List<T> batch;
                int bytes;
                lock (_lock)
                {
                    if (_closed || _queued is not { Count: > 0 })
                    {
                        _sending = false;
                        return;
                    }

                    (batch, _queued, bytes) = (_queued, null, _queuedBytes);
                }

                Volatile.Write(ref _sendStartedAt, Environment.TickCount64);
                await write(batch, bytes);
                TaskCompletionSource? drained;
                lock (_lock)
                {
                    Volatile.Write(ref _sendStartedAt, 0);
                    Volatile.Write(ref _lastSentAt, Environment.TickCount64);
                    _queuedBytes = _closed ? 0 : _queuedBytes - bytes;
                    (drained, _drained) = (_drained, null);
                }

                drained?.TrySetResult();
            }
        }
        catch (Exception e) when (e is IOException or WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Close();
            failed();
        }
    }
}
