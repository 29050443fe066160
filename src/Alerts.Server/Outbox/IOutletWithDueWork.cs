namespace Alerts.Server.Outbox;

/// <summary>
/// An outlet with work of its own besides the log's events, due at times it keeps (devices waking from their
/// quiet hours). The <see cref="OutboxWorker"/> hands it the edition whenever it holds the lease and the log has
/// nothing new, so that work is leased like the rest: one node at a time, taken over when a node dies.
/// </summary>
internal interface IOutletWithDueWork
{
    /// <summary>
    /// Does what is due in <paramref name="edition"/>: <see cref="OutletOutcome.Delivered"/> when done (or nothing was
    /// due), <see cref="OutletOutcome.LeaseLost"/> or <see cref="OutletOutcome.Stopped"/> when it stopped part way.
    /// </summary>
    Task<OutletOutcome> DeliverDueAsync(string edition, OutboxLease lease, CancellationToken stopping, CancellationToken cancellationToken);

    /// <summary>
    /// When the next work in <paramref name="edition"/> falls due (a past time when some is due already), null with none
    /// waiting: the idle worker sleeps until then. Only this outlet's own deliveries, made under the lease, add such work.
    /// </summary>
    Task<DateTimeOffset?> NextDueAsync(string edition, CancellationToken cancellationToken);
}
