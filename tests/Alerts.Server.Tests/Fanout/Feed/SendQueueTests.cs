using Alerts.Server.Fanout;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>
/// The one bounded queue every transport sends through, with a fake transport whose writes complete
/// when the test says: order kept, batches while a write is in flight, the laggard refused at the byte
/// bound, and history paced by what is still queued.
/// </summary>
public sealed class SendQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly List<List<string>> _written = [];
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _writable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failed;

    [Fact]
    public async Task FramesQueuedDuringAWriteLeaveTogetherInOrder()
    {
        var queue = NewQueue(maxBytes: 100);

        queue.Enqueue("a", 10);
        queue.Enqueue("b", 10);
        queue.Enqueue("c", 10);
        Release();
        await queue.WhenQueuedAtMostAsync(0, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([["a"], ["b", "c"]], Written);
    }

    [Fact]
    public async Task AQueueThatWouldPassItsBoundRefusesAndStaysWithinIt()
    {
        var queue = NewQueue(maxBytes: 100);

        Assert.Equal(60, queue.Enqueue("in flight", 60));
        Assert.Equal(100, queue.Enqueue("fits", 40));
        Assert.Equal(101, queue.Enqueue("one byte too many", 1));
        Release();
        await queue.WhenQueuedAtMostAsync(0, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([["in flight"], ["fits"]], Written);
    }

    [Fact]
    public async Task HistoryWaitsUntilTheQueueIsShortEnough()
    {
        var queue = NewQueue(maxBytes: 1000);
        queue.Enqueue("big", 500);
        queue.Enqueue("more", 100);

        var ready = queue.WhenQueuedAtMostAsync(200, CancellationToken.None);
        Assert.False(ready.IsCompleted);
        Release();
        await ready.WaitAsync(Timeout);
    }

    [Fact]
    public async Task AFailedWriteClosesTheQueueAndTellsTheTransport()
    {
        var queue = new SendQueue<string>(100, (_, _) => ValueTask.FromException(new IOException("gone")), () => Interlocked.Increment(ref _failed));

        queue.Enqueue("lost", 10);
        await queue.WhenQueuedAtMostAsync(0, CancellationToken.None).WaitAsync(Timeout);

        Assert.True(queue.IsClosed);
        Assert.Equal(1, _failed);
        Assert.Equal(0, queue.Enqueue("after", 10));
    }

    private List<List<string>> Written
    {
        get
        {
            lock (_lock)
            {
                return [.. _written.Select(batch => batch.ToList())];
            }
        }
    }

    private SendQueue<string> NewQueue(int maxBytes) => new(maxBytes, WriteAsync, () => Interlocked.Increment(ref _failed));

    /// <summary>From now on every write completes at once.</summary>
    private void Release() => _writable.TrySetResult();

    private async ValueTask WriteAsync(List<string> batch, int bytes)
    {
        lock (_lock)
        {
            _written.Add([.. batch]);
        }

        await _writable.Task.WaitAsync(Timeout);
    }
}
