using System.Security.Claims;
using Alerts.Core.Desk;

namespace Alerts.Server.Api;

/// <summary>Who a request's principal is, for the record and for the two-person rule.</summary>
internal static class Actors
{
    /// <summary>The person or key that acted, as history and audit name them; null for an anonymous request.</summary>
    public static Actor? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return null;
        }

        return user.FindFirstValue(KeyClaims.KindClaim) == KeyClaims.PersonKind
            ? new Actor(ActorKind.Person, user.FindFirstValue(KeyClaims.PersonClaim) ?? name, name)
            : new Actor(ActorKind.Key, name, name);
    }

    /// <summary>
    /// Who acted, as the two-person rule must compare them: the person's id for a signed-in person or a key bound
    /// to a person, otherwise the key's name. One person with a login and a key is one person.
    /// </summary>
    public static string? WhoActed(ClaimsPrincipal user) =>
        user.FindFirstValue(KeyClaims.PersonClaim) is { } person ? PersonPrefix + person : user.Identity?.Name;

    // A key's name and a person's id come from different namespaces; the prefix keeps a key named like someone's sub from passing as them.
    private const string PersonPrefix = "person:";
}
