namespace Alerts.Server.Identity;

/// <summary>The authentication schemes of people: the session cookie, and the provider that signs them in.</summary>
internal static class IdentitySchemes
{
    public const string Cookie = "Session";

    public const string OpenIdConnect = "OpenIdConnect";

    /// <summary>The session cookie's name; the caller scheme looks for it to tell a console session from a script.</summary>
    public const string CookieName = "alerts.session";

    /// <summary>The header the console sends the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-Alerts-Antiforgery";

    /// <summary>The authentication property holding when the person signed in, which sliding renewals leave alone.</summary>
    public const string SignedInAtItem = "alerts.signedInAt";
}
