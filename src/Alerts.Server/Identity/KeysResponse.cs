namespace Alerts.Server.Identity;

/// <summary>The body of <c>GET /api/v1/keys</c>.</summary>
internal sealed record KeysResponse(IReadOnlyList<KeyResponse> Keys);
