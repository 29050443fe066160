namespace Alerts.Server.Outbox;

/// <summary>
/// How long this node may still act on an outlet's edition by its own clock. A node starved of CPU can miss
/// its renewals; an outlet must stop sending once the lease may have lapsed, before Redis tells it another
/// node took over, or both would send. Only four fifths of a lease are trusted, for clock drift. The first
/// lease counts from <paramref name="heldAt"/>, the clock reading taken before the hold was asked for:
/// Redis counts it from when its script ran, which may be later than this node believes.
/// </summary>
internal sealed class OutboxLease(TimeProvider time, TimeSpan lease, DateTimeOffset heldAt)
{
    private readonly TimeSpan _trusted = lease * 0.8;
    private long _validUntil = (heldAt + lease * 0.8).UtcTicks;

    public bool IsValid => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntil);

    /// <summary>A renewal that was sent at <paramref name="sentAt"/> succeeded.</summary>
    public void Renewed(DateTimeOffset sentAt) => Interlocked.Exchange(ref _validUntil, (sentAt + _trusted).UtcTicks);
}
