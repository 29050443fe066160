using System.Text.Json.Nodes;

namespace Alerts.Server.Desk;

/// <summary>
/// The body of <c>GET /api/v1/alerts?status=</c>: what waits, oldest first, each with its <c>kind</c>: a waiting
/// alert (<c>submission</c>) or a pending correction of a published one (<c>correction</c>), in their own shapes;
/// and how long a pending one may wait from its submission (its <c>publishedAt</c> while it waits), so the desk sees the time left.
/// </summary>
internal sealed record WaitingAlertsResponse(IReadOnlyList<JsonObject> Alerts, long ApprovalTimeoutSeconds);
