namespace Alerts.Server.Web;

/// <summary>The body of <c>GET /api/v1/me</c>: who the presented API key belongs to, and the editions it may act on.</summary>
internal sealed record EditorResponse(string Name, string Role, IReadOnlyList<string> Editions);
