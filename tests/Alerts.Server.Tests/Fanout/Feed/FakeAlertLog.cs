using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;

namespace Alerts.Server.Tests.Fanout.Feed;

/// <summary>
/// One edition's log in memory, for <see cref="EditionFeedTests"/>: events are added behind the
/// feed's back (as the append script does), retention and a rewind can be simulated, and reads can be held.
/// </summary>
internal sealed class FakeAlertLog : IAlertLog, ILogEpochs
{
    public const string Edition = "en";

    private readonly Lock _lock = new();
    private readonly List<StoredEvent> _events = [];
    private long _latestSeq;
    private int _epochs;
    private int _appended;
    private TaskCompletionSource? _readsHeld;

    public int Reads { get; private set; }

    public string Epoch { get; private set; } = "";

    /// <summary>Appends the next seq and returns it as pub/sub would deliver it.</summary>
    public StoredEvent Append(string headline)
    {
        lock (_lock)
        {
            var seq = ++_latestSeq;
            Epoch = Epoch.Length == 0 ? $"epoch-{++_epochs}" : Epoch;
            var now = DateTimeOffset.UtcNow;
            var alertEvent = new AlertEvent
            {
                Seq = seq,
                Epoch = Epoch,
                Type = AlertEventType.Published,
                Edition = Edition,
                At = now,
                Alert = new Alert
                {
                    // Never reused, as ULIDs are not: a rewound seq is another alert.
                    Id = $"alert-{++_appended}",
                    Edition = Edition,
                    Headline = headline,
                    Author = "test",
                    PublishedAt = now,
                    UpdatedAt = now,
                    ExpiresAt = now.AddHours(1),
                },
            };
            var stored = new StoredEvent(seq, JsonSerializer.Serialize(alertEvent, AlertsJson.Options));
            _events.Add(stored);
            return stored;
        }
    }

    /// <summary>Drops every event up to <paramref name="seq"/>, as retention does.</summary>
    public void DropUpTo(long seq)
    {
        lock (_lock)
        {
            _events.RemoveAll(e => e.Seq <= seq);
        }
    }

    /// <summary>Loses the last <paramref name="count"/> events and sets the counter back, as a lossy failover leaves the log.</summary>
    public void Rewind(int count)
    {
        lock (_lock)
        {
            _events.RemoveAll(e => e.Seq > _latestSeq - count);
            _latestSeq -= count;
        }
    }

    /// <summary>Reads wait until <see cref="ReleaseReads"/>, as a slow Redis would make them.</summary>
    public void HoldReads()
    {
        lock (_lock)
        {
            _readsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseReads()
    {
        TaskCompletionSource? held;
        lock (_lock)
        {
            (held, _readsHeld) = (_readsHeld, null);
        }

        held?.TrySetResult();
    }

    public async Task<EventPage> ReadAsync(string edition, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        Task? held;
        lock (_lock)
        {
            Reads++;
            held = _readsHeld?.Task;
        }

        if (held is not null)
        {
            await held.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            var page = _events.Where(e => e.Seq > afterSeq).Take(limit).ToList();
            return new EventPage(page, _latestSeq, _events.Count > 0 ? _events[0].Seq : 0);
        }
    }

    public Task<IReadOnlyList<Alert>> ReadTickerAsync(string edition, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Alert> ticker = _events
                .Select(e => JsonSerializer.Deserialize<AlertEvent>(e.Json, AlertsJson.Options)!.Alert)
                .Reverse()
                .Take(limit)
                .ToList();
            return Task.FromResult(ticker);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> ReadLatestSeqsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<string, long> latest = new Dictionary<string, long> { [Edition] = _latestSeq };
            return Task.FromResult(latest);
        }
    }

    public Task<long> ReadLatestSeqAsync(string edition, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_latestSeq);
        }
    }

    public Task<string> ReadAsync(string edition, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Epoch);
        }
    }

    public Task<string> MoveOnAsync(string edition, string fromEpoch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Epoch == fromEpoch)
            {
                Epoch = $"epoch-{++_epochs}";
            }

            return Task.FromResult(Epoch);
        }
    }

    public Task<AppendResult> AppendAsync(AlertEvent alertEvent, int expectedRevision, string? idempotencyId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed only reads the log.");

    public Task<AppendResult?> ReplayAsync(string edition, string idempotencyId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed only reads the log.");

    public Task<AlertRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed only reads the log.");
}
