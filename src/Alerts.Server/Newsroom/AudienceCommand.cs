using System.Security.Claims;

namespace Alerts.Server.Newsroom;

/// <summary><c>GET /api/v1/editions/{edition}/audience</c>: who asks, the edition, and the targeting an alert would carry.</summary>
internal sealed record AudienceCommand(ClaimsPrincipal User, string Edition, string[]? Sections, string[]? Regions, string? Urgency);
