namespace Alerts.Server.Identity;

/// <summary>The body of <c>GET /api/v1/sign-in</c>: where a person signs in through the newsroom's identity provider, if one is configured.</summary>
internal sealed record SignInResponse(string? Url);
