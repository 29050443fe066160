namespace Alerts.Server.Desk;

/// <summary>The body of <c>GET /api/v1/decisions</c>: decisions oldest first; <see cref="Next"/> is the cursor for <c>after=</c>.</summary>
internal sealed record DecisionsResponse(IReadOnlyList<Decision> Decisions, long Next);
