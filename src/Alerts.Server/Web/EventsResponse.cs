using Alerts.Core.Alerts;

namespace Alerts.Server.Web;

/// <summary>
/// The body of <c>GET /api/v1/editions/{edition}/events</c> as the OpenAPI document shows it. The
/// handler writes it directly, passing the stored events through unparsed; <c>reset</c> and
/// <c>ticker</c> appear only when the requested position is older than the log keeps.
/// </summary>
internal sealed record EventsResponse(IReadOnlyList<AlertEvent> Events, long LatestSeq, long OldestSeq, bool? Reset, IReadOnlyList<Alert>? Ticker);
