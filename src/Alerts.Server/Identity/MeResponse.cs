using Alerts.Core.Desk;

namespace Alerts.Server.Identity;

/// <summary>The body of <c>GET /api/v1/me</c>: who is calling, their role, and the editions they may act on.</summary>
internal sealed record MeResponse(ActorKind Kind, string Id, string Name, string? Role, IReadOnlyList<string> Editions);
