using Alerts.Core.Desk;

namespace Alerts.Server.Desk;

/// <summary>The body of <c>GET /api/v1/alerts/{id}/history</c>.</summary>
internal sealed record HistoryResponse(string AlertId, string Edition, IReadOnlyList<HistoryEntry> History);
