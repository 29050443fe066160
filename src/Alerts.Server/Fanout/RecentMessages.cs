namespace Alerts.Server.Fanout;

/// <summary>
/// The feed's most recent messages by seq, each with the encodings built for it: a replay takes them
/// from here instead of reading and encoding the log again, and a joining subscriber's history is
/// closed from here under the gate. A ring indexed by seq; <see cref="Clear"/> (a reset, a rewind) and
/// <see cref="Forget"/> (a retraction rewrote the alert's earlier events in the log) start a new
/// generation, so a message read from the log before either is never added after it.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    private readonly Lock _lock = new();
    private readonly FeedMessage?[] _ring = new FeedMessage?[capacity];
    private long _generation;

    public int Capacity => capacity;

    /// <summary>Taken before reading the log: <see cref="Add"/> of what was read then is refused if the log changed since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public FeedMessage? Find(long seq) => Volatile.Read(ref _ring[Slot(seq)]) is { } message && message.Seq == seq ? message : null;

    /// <summary>Keeps <paramref name="message"/>, unless the ring moved to a newer generation than <paramref name="generation"/> or holds a later seq in its place.</summary>
    public void Add(FeedMessage message, long generation)
    {
        lock (_lock)
        {
            var slot = Slot(message.Seq);
            if (_generation == generation && (_ring[slot] is not { } held || held.Seq <= message.Seq))
            {
                Volatile.Write(ref _ring[slot], message);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_ring);
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>Drops every message of <paramref name="alertId"/>: the log now holds them without the alert's content.</summary>
    public void Forget(string alertId)
    {
        lock (_lock)
        {
            for (var i = 0; i < _ring.Length; i++)
            {
                if (_ring[i]?.Header?.AlertId == alertId)
                {
                    Volatile.Write(ref _ring[i], null);
                }
            }

            Interlocked.Increment(ref _generation);
        }
    }

    private int Slot(long seq) => (int)(seq % capacity);
}
