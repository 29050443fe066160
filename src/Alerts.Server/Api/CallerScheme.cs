using Alerts.Server.Identity;
using Microsoft.AspNetCore.Authentication;

namespace Alerts.Server.Api;

/// <summary>
/// The default scheme: a request with an <c>Authorization</c> header is a program with an API key; one with the
/// console's session cookie is a signed-in person. Refusals are always answered the API's way (401/403 problem
/// details), never with a redirect, so the console and scripts read one kind of answer.
/// </summary>
internal static class CallerScheme
{
    public const string Name = "Caller";

    public static void Configure(PolicySchemeOptions options)
    {
        options.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(IdentitySchemes.CookieName)
                ? IdentitySchemes.Cookie
                : ApiKeyAuthenticationHandler.SchemeName;
        options.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
        options.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
    }
}
