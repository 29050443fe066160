namespace Alerts.Core.Alerts;

/// <summary>
/// The per-edition event log: the one durable record of every alert and every change to it.
/// </summary>
public interface IAlertLog
{
    /// <summary>
    /// In one atomic step: assigns the next seq of the event's edition, appends the event, updates
    /// the alert's state and ticker entry, and publishes the event, so publish order is seq order.
    /// </summary>
    /// <param name="alertEvent">The event; its <see cref="AlertEvent.Seq"/> is ignored and assigned here.</param>
    /// <param name="expectedRevision">The revision the change was made against; 0 for a new alert.</param>
    /// <param name="idempotencyId">When set, a second append with the same id returns the first event instead.</param>
    /// <param name="cancellationToken">Cancels waiting; the append itself is atomic and may still complete.</param>
    Task<AppendResult> AppendAsync(AlertEvent alertEvent, int expectedRevision, string? idempotencyId, CancellationToken cancellationToken);

    /// <summary>
    /// The event an earlier append with <paramref name="idempotencyId"/> stored in <paramref name="edition"/>,
    /// answered as <see cref="AppendOutcome.Replayed"/> on the same terms as that append (durable, published),
    /// or null when none is stored: lets a retry be answered before it is judged again.
    /// </summary>
    Task<AppendResult?> ReplayAsync(string edition, string idempotencyId, CancellationToken cancellationToken);

    /// <summary>The alert with this id in any edition, or null.</summary>
    Task<AlertRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Events of <paramref name="edition"/> with seq greater than <paramref name="afterSeq"/>, oldest first.</summary>
    Task<EventPage> ReadAsync(string edition, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The lines a ticker shows at <paramref name="now"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Alert>> ReadTickerAsync(string edition, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The newest seq of each edition (0 for an edition with no events).</summary>
    Task<IReadOnlyDictionary<string, long>> ReadLatestSeqsAsync(CancellationToken cancellationToken);

    /// <summary>The newest seq of <paramref name="edition"/> (0 with no events): what <see cref="ReadLatestSeqsAsync"/> answers for it.</summary>
    Task<long> ReadLatestSeqAsync(string edition, CancellationToken cancellationToken);
}
