namespace Alerts.Server.Push.Sending;

/// <summary>
/// How long this node may still act on a job by its own clock. A node starved of CPU can miss its
/// renewals; it must stop sending once its lease may have lapsed, before Redis tells it another node
/// took the job, or both would send. Only four fifths of a lease are trusted, for clock drift. The
/// first lease counts from <paramref name="leasedAt"/>, the clock reading its deadline was computed from.
/// </summary>
internal sealed class LeaseWatch(TimeProvider time, TimeSpan lease, DateTimeOffset leasedAt)
{
    private readonly TimeSpan _trusted = lease * 0.8;
    private long _validUntil = (leasedAt + lease * 0.8).UtcTicks;

    public bool IsValid => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntil);

    /// <summary>A renewal that was sent at <paramref name="sentAt"/> succeeded.</summary>
    public void Renewed(DateTimeOffset sentAt) => Interlocked.Exchange(ref _validUntil, (sentAt + _trusted).UtcTicks);
}
