using System.Security.Claims;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary><c>POST /api/v1/alerts</c>: who asks, the body as sent, and the <c>Idempotency-Key</c> if any.</summary>
internal sealed record PublishCommand(ClaimsPrincipal User, RequestBody Body, string? IdempotencyKey);
