using System.Security.Claims;
using System.Text.Encodings.Web;
using Alerts.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Api;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> and answers failures as problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRegistry registry,
    RedisManagedKeys managed,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var presented = header[bearer.Length..].Trim();
        IEnumerable<Claim> claims;
        if (registry.Find(presented) is { } configured)
        {
            claims = KeyClaims.Of(configured);
        }
        else if (await managed.FindAsync(KeySecret.Sha256Of(presented), Context.RequestAborted) is { } key)
        {
            claims = KeyClaims.Of(key.ToGrant(), key.BoundTo, key.Name);
        }
        else
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        managed.Touch(identity.FindFirst(KeyClaims.KeyClaim)?.Value ?? identity.Name!);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = result.None ? "An API key is required." : "The API key is not valid.",
                Detail = "Send an editor's key as 'Authorization: Bearer <api key>'.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "This API key may not do that." },
        });
    }
}
