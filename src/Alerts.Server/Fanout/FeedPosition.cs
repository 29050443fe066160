namespace Alerts.Server.Fanout;

/// <summary>A live subscriber's position: it has been sent every event after <paramref name="CoveredAfter"/> of <paramref name="Epoch"/>.</summary>
internal readonly record struct FeedPosition(long CoveredAfter, string Epoch)
{
    /// <summary>
    /// Whether a subscriber at this position already has every event a Subscribe or Resume asks
    /// for: after <paramref name="afterSeq"/> (null: from now on) of <paramref name="askedEpoch"/>,
    /// when the feed relays <paramref name="currentEpoch"/> up to <paramref name="relayedSeq"/>.
    /// </summary>
    public bool Covers(long? afterSeq, string askedEpoch, string currentEpoch, long relayedSeq) =>
        Epoch == currentEpoch && askedEpoch == currentEpoch
        && (afterSeq is not { } seq || (seq >= CoveredAfter && seq <= relayedSeq));
}
