using System.Text.Json;
using Alerts.Server.Fanout;
using Alerts.Server.Hubs;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>
/// A connection as the feed sees it, recording what it is sent. A stalled one never becomes ready
/// for more history, as a client that stopped reading looks to the feed.
/// </summary>
internal sealed class RecordingSubscriber(int replayEventsPerMinute = 100_000) : IFeedSubscriber
{
    private readonly Lock _lock = new();
    private readonly List<FeedMessage> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private TaskCompletionSource? _stalled;

    public string[] Editions { get; set; } = [];

    public ReplayBudget ReplayBudget { get; } = new(replayEventsPerMinute, TimeProvider.System);

    public bool Aborted { get; private set; }

    public IReadOnlyList<FeedMessage> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The seqs of the events received, in order (resets left out).</summary>
    public IReadOnlyList<long> Seqs => [.. Received.Where(m => !m.IsReset).Select(m => m.Seq)];

    public IReadOnlyList<FeedMessage> Resets => [.. Received.Where(m => m.IsReset)];

    public void Stall()
    {
        lock (_lock)
        {
            _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Resume()
    {
        TaskCompletionSource? stalled;
        lock (_lock)
        {
            (stalled, _stalled) = (_stalled, null);
        }

        stalled?.TrySetResult();
    }

    public void Send(FeedMessage message)
    {
        lock (_lock)
        {
            _received.Add(message);
        }

        _arrived.Release();
    }

    public Task WhenReadyForHistoryAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _stalled?.Task.WaitAsync(cancellationToken) ?? Task.CompletedTask;
        }
    }

    public void Abort() => Aborted = true;

    /// <summary>Waits until an event with at least <paramref name="seq"/> has been sent.</summary>
    public async Task WaitForSeqAsync(long seq, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Seqs.Any(s => s >= seq))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Seq {seq} was not sent; sent [{string.Join(",", Seqs)}].");
            }
        }
    }

    /// <summary>The record a direct connection would write, parsed: what the client reads.</summary>
    public static JsonElement Argument(FeedMessage message)
    {
        var bytes = message.Encoded(HubRecordEncoding.Instance);
        using var record = JsonDocument.Parse(bytes.AsMemory(0, bytes.Length - 1));
        return record.RootElement.GetProperty("arguments")[0].Clone();
    }
}
