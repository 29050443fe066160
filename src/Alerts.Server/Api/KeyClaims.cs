using System.Security.Claims;
using Alerts.Core.Desk;

namespace Alerts.Server.Api;

/// <summary>
/// How a grant travels on the request's principal: name, role, and one claim per edition it is limited to;
/// for a person (or a key bound to one) also the person's id, so people and keys look the same to every feature.
/// </summary>
internal static class KeyClaims
{
    public const string EditionClaim = "alerts:edition";

    /// <summary>The person's stable id (<c>sub</c>): the signed-in person's, or the one a key is bound to.</summary>
    public const string PersonClaim = "alerts:person";

    /// <summary><see cref="PersonKind"/> for a signed-in person; absent for a key.</summary>
    public const string KindClaim = "alerts:kind";

    public const string PersonKind = "person";

    /// <summary>The key's own name, for a key that acts under its bound person's name.</summary>
    public const string KeyClaim = "alerts:key";

    public static IEnumerable<Claim> Of(KeyGrant grant, string? boundTo = null, string? keyName = null)
    {
        yield return new Claim(ClaimTypes.Name, grant.Name);
        yield return new Claim(ClaimTypes.Role, KeyGrant.NameOf(grant.Role));
        foreach (var edition in grant.Editions ?? Enumerable.Empty<string>())
        {
            yield return new Claim(EditionClaim, edition);
        }

        if (boundTo is not null)
        {
            yield return new Claim(PersonClaim, boundTo);
        }

        if (keyName is not null && keyName != grant.Name)
        {
            yield return new Claim(KeyClaim, keyName);
        }
    }

    /// <summary>The grant of an authenticated key or person; null for an anonymous request or a person no role maps to.</summary>
    public static KeyGrant? GrantOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { } name } || !KeyGrant.TryParseRole(user.FindFirstValue(ClaimTypes.Role) ?? "", out var role))
        {
            return null;
        }

        var editions = user.FindAll(EditionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new KeyGrant(name, role, editions.Count == 0 ? null : editions) { Who = Actors.WhoActed(user) ?? name };
    }
}
