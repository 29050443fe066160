using Alerts.Core.Alerts;

namespace Alerts.Server.Fanout;

/// <summary>
/// The current ticker of an edition, sent instead of events the client cannot be given: retention
/// dropped them, or the client's position belongs to an earlier epoch of the log. Live events
/// continue after <see cref="LatestSeq"/> in <see cref="Epoch"/>.
/// </summary>
public sealed record TickerReset(string Edition, long LatestSeq, IReadOnlyList<Alert> Ticker, string? Epoch = null);
