namespace Alerts.Server.Fanout;

/// <summary>
/// How much history one connection may be sent: a bucket of events that refills at a steady rate
/// per minute. A client that asks for more (a flood of <c>Subscribe(edition, 0)</c>) gets the ticker
/// instead, and one that cannot even afford the ticker is disconnected; a reconnecting ticker never
/// comes near either.
/// </summary>
internal sealed class ReplayBudget(int eventsPerMinute, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _events = eventsPerMinute;
    private long _refilledAt = time.GetTimestamp();

    /// <summary>Takes <paramref name="events"/> if the bucket holds them.</summary>
    public bool TryTake(int events)
    {
        lock (_lock)
        {
            Refill();
            if (_events < events)
            {
                return false;
            }

            _events -= events;
            return true;
        }
    }

    /// <summary>Takes <paramref name="events"/> that must go out anyway (the few that close a catch-up): the debt delays the next replay.</summary>
    public void Take(int events)
    {
        lock (_lock)
        {
            Refill();
            _events -= events;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _events = Math.Min(eventsPerMinute, _events + (time.GetElapsedTime(_refilledAt, now).TotalMinutes * eventsPerMinute));
        _refilledAt = now;
    }
}
