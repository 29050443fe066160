namespace Alerts.Server.Fanout;

/// <summary>
/// Where a joining subscriber's history got to: the seq its live events must continue after
/// (<paramref name="Position"/>), and the seq after which it will then have every event
/// (<paramref name="CoveredAfter"/>: where its history began, or the ticker it got instead).
/// Null: the history continued, so what it covers is what it covered before.
/// </summary>
internal readonly record struct HistoryEnd(long Position, long? CoveredAfter)
{
    /// <summary>Live only: nothing before the seq it joins at.</summary>
    public static readonly HistoryEnd LiveOnly = new(long.MaxValue, null);

    public HistoryEnd Then(HistoryEnd next) => new(next.Position, next.CoveredAfter ?? CoveredAfter);
}
