using Alerts.Core.Alerts;

namespace Alerts.Server.Web;

/// <summary>The body of <c>GET /api/v1/editions/{edition}/ticker</c>: the lines, newest first, and the seq they reflect at least.</summary>
internal sealed record TickerResponse(string Edition, long LatestSeq, IReadOnlyList<Alert> Alerts);
