using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>
/// The console's session: sign in through the provider, the antiforgery token for changes, and sign-out that ends the
/// provider's session too where it offers RP-initiated logout.
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", SignIn).WithName("SignIn").ExcludeFromDescription();
        routes.MapPost("/signout", SignOutAsync).WithName("SignOut").ExcludeFromDescription();
        routes.MapGet("/api/v1/sign-in", GetSignIn).WithName("GetSignIn");
        routes.MapGet("/api/v1/antiforgery", GetAntiforgery).RequireAuthorization().WithName("GetAntiforgery");
        return routes;
    }

    /// <summary>
    /// Where the console's "sign in with your newsroom account" leads; no <c>url</c> when no provider is configured
    /// (a 200 either way, so the console's look at it logs no failed request in the browser).
    /// </summary>
    public static Ok<SignInResponse> GetSignIn(IOptions<IdentityOptions> options) =>
        TypedResults.Ok(new SignInResponse(options.Value.Enabled ? $"/signin?returnUrl={SignInEvents.ConsolePath}" : null));

    public static Results<ChallengeHttpResult, NotFound> SignIn(string? returnUrl, IOptions<IdentityOptions> options) =>
        options.Value.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : SignInEvents.ConsolePath }, [IdentitySchemes.OpenIdConnect])
            : TypedResults.NotFound();

    /// <summary>Ends the session; the antiforgery check has already run (<see cref="SessionAntiforgery"/>).</summary>
    public static async Task<SignOutHttpResult> SignOutAsync(HttpContext context, IOptions<IdentityOptions> options, IOptionsMonitor<OpenIdConnectOptions> oidc)
    {
        var properties = new AuthenticationProperties { RedirectUri = SignInEvents.ConsolePath };
        if (!options.Value.Enabled || !PersonClaims.IsPerson(context.User))
        {
            return TypedResults.SignOut(properties, [IdentitySchemes.Cookie]);
        }

        var manager = oidc.Get(IdentitySchemes.OpenIdConnect).ConfigurationManager!;
        var provider = await manager.GetConfigurationAsync(context.RequestAborted);
        return provider.EndSessionEndpoint is { Length: > 0 }
            ? TypedResults.SignOut(properties, [IdentitySchemes.Cookie, IdentitySchemes.OpenIdConnect])
            : TypedResults.SignOut(properties, [IdentitySchemes.Cookie]);
    }

    public static Ok<AntiforgeryResponse> GetAntiforgery(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryResponse(IdentitySchemes.AntiforgeryHeader, antiforgery.GetAndStoreTokens(context).RequestToken!));

    // Only a path on this server, never "//elsewhere" or "/\elsewhere": the sign-in must not become an open redirect.
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
