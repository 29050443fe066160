using Alerts.Core.Editions;

namespace Alerts.Server.Web;

/// <summary>An edition as <c>GET /api/v1/editions</c> describes it.</summary>
internal sealed record EditionResponse(string Key, string Name, string Language, TextDirection Direction, string BreakingLabel, long LatestSeq);
