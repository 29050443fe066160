using Alerts.Core.Alerts;

namespace Alerts.Server.Desk;

/// <summary>
/// The body of <c>GET /api/v1/alerts?status=</c>: waiting alerts, oldest first, and how long a pending one may wait
/// from its submission (its <c>publishedAt</c> while it waits), so the desk sees the time left.
/// </summary>
internal sealed record WaitingAlertsResponse(IReadOnlyList<Alert> Alerts, long ApprovalTimeoutSeconds);
