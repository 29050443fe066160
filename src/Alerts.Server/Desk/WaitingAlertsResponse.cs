using System.Text.Json.Nodes;

namespace Alerts.Server.Desk;

/// <summary>
/// The body of <c>GET /api/v1/alerts?status=</c>: what waits, oldest first, each with its <c>kind</c>: a waiting
/// alert (<c>submission</c>) or a pending correction of a published one (<c>correction</c>), in their own shapes.
/// </summary>
internal sealed record WaitingAlertsResponse(IReadOnlyList<JsonObject> Alerts);
