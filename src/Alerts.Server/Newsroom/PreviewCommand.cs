using System.Security.Claims;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary><c>POST /api/v1/alerts/preview</c>: who asks and the body they would publish.</summary>
internal sealed record PreviewCommand(ClaimsPrincipal User, RequestBody Body);
