using System.Security.Claims;
using Alerts.Core.Desk;
using Alerts.Server.Identity;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Identity;

/// <summary>Claims to a grant by <c>Alerts:Identity:Roles</c>: the most powerful match wins, within its editions.</summary>
public sealed class RoleMapTests
{
    private static readonly RoleMap Map = new(Options.Create(new IdentityOptions
    {
        Roles =
        [
            new RoleMappingOptions { Claim = "groups", Value = "editors", Role = "editor" },
            new RoleMappingOptions { Claim = "groups", Value = "chief-ar", Role = "chief", Editions = ["ar"] },
            new RoleMappingOptions { Claim = "groups", Value = "chief-es", Role = "chief", Editions = ["es"] },
            new RoleMappingOptions { Claim = "roles", Value = "desk-admin", Role = "admin" },
        ],
    }));

    [Fact]
    public void TheMostPowerfulMatchWinsWithTheEditionsOfEveryLineGivingIt()
    {
        var grant = Map.GrantOf("Alice", Claims(("groups", "editors"), ("groups", "chief-ar"), ("groups", "chief-es")))!;

        Assert.Equal(DeskRole.Chief, grant.Role);
        Assert.Equal(["ar", "es"], grant.Editions!.Order());
        Assert.Equal("Alice", grant.Name);
    }

    [Fact]
    public void ALineWithoutEditionsGivesEveryEdition()
    {
        var grant = Map.GrantOf("Bob", Claims(("groups", "editors")))!;

        Assert.Equal(DeskRole.Editor, grant.Role);
        Assert.Null(grant.Editions);
    }

    [Fact]
    public void TheClaimTypeMattersNotOnlyTheValue()
    {
        Assert.Null(Map.GrantOf("Eve", Claims(("groups", "desk-admin"))));
        Assert.Equal(DeskRole.Admin, Map.GrantOf("Dana", Claims(("roles", "desk-admin")))!.Role);
    }

    [Fact]
    public void NoMatchingClaimGivesNoGrantNeverAnEditorByDefault()
    {
        Assert.Null(Map.GrantOf("Carol", Claims(("groups", "marketing"), ("email", "carol@example.test"))));
        Assert.Null(Map.GrantOf("Nobody", []));
    }

    private static IEnumerable<Claim> Claims(params (string Type, string Value)[] claims) => claims.Select(c => new Claim(c.Type, c.Value));
}
