namespace Alerts.Server.Outbox;

/// <summary>
/// An outlet's bookmark inside one item (the last of its own targets it is done with), kept beside the
/// cursor under the lease: a node that takes over resumes after it instead of sending again. Saving
/// also renews the lease, so an outlet that saves after each page never outlasts it.
/// </summary>
internal sealed class OutboxProgress(OutboxCursor cursor, long seq, TimeSpan leaseDuration, OutboxLease lease, TimeProvider time, string? saved)
{
    /// <summary>What the outlet saved last for this item; null before it saved anything.</summary>
    public string? Saved { get; private set; } = saved;

    /// <summary>False when another node holds the lease now: stop, it continues from the last save.</summary>
    public async Task<bool> SaveAsync(string progress, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow();
        if (!await cursor.SaveProgressAsync(seq, progress, leaseDuration, cancellationToken))
        {
            return false;
        }

        lease.Renewed(sentAt);
        Saved = progress;
        return true;
    }
}
