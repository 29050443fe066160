using System.Security.Claims;
using Alerts.Core.Desk;

namespace Alerts.Server.Api;

/// <summary>How a key's grant travels on the request's principal: name, role, and one claim per edition it is limited to.</summary>
internal static class KeyClaims
{
    public const string EditionClaim = "alerts:edition";

    public static IEnumerable<Claim> Of(KeyGrant grant)
    {
        yield return new Claim(ClaimTypes.Name, grant.Name);
        yield return new Claim(ClaimTypes.Role, KeyGrant.NameOf(grant.Role));
        foreach (var edition in grant.Editions ?? Enumerable.Empty<string>())
        {
            yield return new Claim(EditionClaim, edition);
        }
    }

    /// <summary>The grant of an authenticated key; null for an anonymous request.</summary>
    public static KeyGrant? GrantOf(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { } name } || !KeyGrant.TryParseRole(user.FindFirstValue(ClaimTypes.Role) ?? "", out var role))
        {
            return null;
        }

        var editions = user.FindAll(EditionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new KeyGrant(name, role, editions.Count == 0 ? null : editions);
    }
}
