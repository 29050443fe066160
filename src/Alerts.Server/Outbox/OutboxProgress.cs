namespace Alerts.Server.Outbox;

/// <summary>
/// An outlet's bookmark inside one item (the last of its own targets it is done with), kept beside the
/// cursor under the lease: a node that takes over resumes after it instead of sending again. Saving
/// also renews the lease, so an outlet that saves after each page never outlasts it. Inside a page, the targets
/// already reached are noted one by one (<see cref="MarkSent"/>): a node that takes over mid-page skips them.
/// </summary>
internal sealed class OutboxProgress(OutboxCursor cursor, long seq, TimeSpan leaseDuration, OutboxLease lease, TimeProvider time, string? saved)
{
    /// <summary>What the outlet saved last for this item; null before it saved anything.</summary>
    public string? Saved { get; private set; } = saved;

    /// <summary>
    /// Notes that <paramref name="target"/> of the page in flight was reached; pipelined, so the instant between the
    /// receiver's answer and this write reaching Redis is all a crash can resend. A save forgets them.
    /// </summary>
    public void MarkSent(string target) => cursor.MarkSent(target);

    /// <summary>The targets of the unsaved page an earlier attempt reached: skip them, counting them as reached.</summary>
    public Task<IReadOnlySet<string>> SentAsync(CancellationToken cancellationToken) => cursor.ReadSentAsync(cancellationToken);

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
