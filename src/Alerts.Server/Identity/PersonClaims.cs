using System.Security.Claims;
using Alerts.Server.Api;

namespace Alerts.Server.Identity;

/// <summary>
/// The principal a signed-in person carries in the session cookie: the same claims a key carries (name, role,
/// editions, see <see cref="KeyClaims"/>), plus their stable id and kind, so every feature treats them alike.
/// </summary>
internal static class PersonClaims
{
    public const string EmailClaim = "email";

    private const string SubjectClaim = "sub";

    /// <summary>The person's principal from what the provider said, and whether a role mapping matched.</summary>
    public static (ClaimsPrincipal Principal, bool HasRole) From(ClaimsPrincipal provided, IdentityOptions options, RoleMap roles)
    {
        var sub = provided.FindFirstValue(SubjectClaim) ?? throw new InvalidOperationException("The provider's ID token has no 'sub'.");
        var email = provided.FindFirstValue(EmailClaim);
        var name = provided.FindFirstValue(options.NameClaim) ?? email ?? sub;
        var grant = roles.GrantOf(name, provided.Claims);
        var claims = new List<Claim> { new(KeyClaims.KindClaim, KeyClaims.PersonKind) };
        claims.AddRange(grant is null ? [new Claim(ClaimTypes.Name, name), new Claim(KeyClaims.PersonClaim, sub)] : KeyClaims.Of(grant, sub));
        if (email is not null)
        {
            claims.Add(new Claim(EmailClaim, email));
        }

        var identity = new ClaimsIdentity(claims, IdentitySchemes.Cookie, ClaimTypes.Name, ClaimTypes.Role);
        return (new ClaimsPrincipal(identity), grant is not null);
    }

    public static bool IsPerson(ClaimsPrincipal user) => user.FindFirstValue(KeyClaims.KindClaim) == KeyClaims.PersonKind;
}
