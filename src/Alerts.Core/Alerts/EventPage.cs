namespace Alerts.Core.Alerts;

/// <summary>A slice of an edition's log.</summary>
/// <param name="Events">Events with seq greater than the requested one, oldest first.</param>
/// <param name="LatestSeq">The newest seq the edition has assigned (0 when none).</param>
/// <param name="OldestSeq">The oldest seq still retained (0 when none).</param>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, long LatestSeq, long OldestSeq)
{
    /// <summary>Whether events after <paramref name="afterSeq"/> were already dropped by retention.</summary>
    public bool IsGapAfter(long afterSeq) => OldestSeq > 0 && afterSeq < OldestSeq - 1;
}
