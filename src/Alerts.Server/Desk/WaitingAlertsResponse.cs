using Alerts.Core.Alerts;

namespace Alerts.Server.Desk;

/// <summary>The body of <c>GET /api/v1/alerts?status=</c>: waiting alerts, oldest first.</summary>
internal sealed record WaitingAlertsResponse(IReadOnlyList<Alert> Alerts);
