using Alerts.Core.Alerts;

namespace Alerts.Server.Hubs;

/// <summary>The current ticker of an edition, sent instead of events that retention already dropped.</summary>
public sealed record TickerReset(string Edition, long LatestSeq, IReadOnlyList<Alert> Ticker);
