using System.Security.Claims;
using Alerts.Core.Desk;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>
/// Turns a person's claims into a grant by <c>Alerts:Identity:Roles</c>: of the lines that match, the most powerful
/// role wins, with the editions of every line giving that role (every edition if one of them names none). A person
/// no line matches gets no grant: signed in, allowed nothing, never an editor by default.
/// </summary>
internal sealed class RoleMap(IOptions<IdentityOptions> options)
{
    public KeyGrant? GrantOf(string name, IEnumerable<Claim> claims)
    {
        var held = claims.Select(c => (c.Type, c.Value)).ToHashSet();
        var matches = options.Value.Roles
            .Where(r => held.Contains((r.Claim, r.Value)))
            .Select(r => (Role: Parse(r.Role), r.Editions))
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var strongest = matches.Max(m => m.Role);
        var winning = matches.Where(m => m.Role == strongest).ToList();
        var editions = winning.Any(m => m.Editions.Count == 0)
            ? null
            : winning.SelectMany(m => m.Editions).ToHashSet(StringComparer.Ordinal);
        return new KeyGrant(name, strongest, editions);
    }

    // The options validator admits only the three role names.
    private static DeskRole Parse(string role)
    {
        KeyGrant.TryParseRole(role, out var parsed);
        return parsed;
    }
}
