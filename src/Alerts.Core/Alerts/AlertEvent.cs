namespace Alerts.Core.Alerts;

/// <summary>
/// One change to an alert, as stored in its edition's log and sent to tickers.
/// <see cref="Seq"/> is per edition, starts at 1 and is gap-free.
/// </summary>
public sealed record AlertEvent
{
    /// <summary>Declared first: the log assigns it by rewriting the leading <c>"seq"</c> member.</summary>
    public long Seq { get; init; }

    /// <summary>
    /// The life of the edition's log the event belongs to; the log assigns it with the seq. A seq is
    /// only a position within one epoch: after a rewind (a lossy failover, a restore) seqs repeat
    /// under a new epoch.
    /// </summary>
    public string? Epoch { get; init; }

    public required AlertEventType Type { get; init; }

    public required string Edition { get; init; }

    public required DateTimeOffset At { get; init; }

    public required Alert Alert { get; init; }

    /// <summary>The key that caused this event (the approver of an approved alert, the corrector of a correction).</summary>
    public string? Actor { get; init; }
}
