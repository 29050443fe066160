using System.Security.Claims;
using Alerts.Server.Api;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>PATCH /api/v1/alerts/{id}</c> or <c>POST /api/v1/alerts/{id}/retract</c>: who asks, the alert, the body as sent,
/// and the request's <c>If-Match</c> tags if it has the header.
/// </summary>
internal sealed record ChangeCommand(string Id, ClaimsPrincipal User, RequestBody Body, IList<EntityTagHeaderValue>? IfMatch);
