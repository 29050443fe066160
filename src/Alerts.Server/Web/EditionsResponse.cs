namespace Alerts.Server.Web;

/// <summary>The body of <c>GET /api/v1/editions</c>.</summary>
internal sealed record EditionsResponse(IReadOnlyList<EditionResponse> Editions, IReadOnlyList<string> Sections, IReadOnlyList<string> Regions);
