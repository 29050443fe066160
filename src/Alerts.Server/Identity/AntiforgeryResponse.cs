namespace Alerts.Server.Identity;

/// <summary>The body of <c>GET /api/v1/antiforgery</c>: the token a console session sends with every change, and the header to send it in.</summary>
internal sealed record AntiforgeryResponse(string HeaderName, string Token);
