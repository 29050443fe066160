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

        var person = user.FindFirstValue(KeyClaims.PersonClaim);
        return user.FindFirstValue(KeyClaims.KindClaim) == KeyClaims.PersonKind
            ? new Actor(ActorKind.Person, person ?? name, name)
            : new Actor(ActorKind.Key, user.FindFirstValue(KeyClaims.KeyClaim) ?? name, name) { Person = person };
    }

    /// <summary>
    /// Who acted, as the two-person rule must compare them (see <see cref="Actor.WhoActed"/>): the person's id for a
    /// signed-in person or a key bound to a person, otherwise the key's name; null for an anonymous request.
    /// </summary>
    public static string? WhoActed(ClaimsPrincipal user) => Of(user)?.WhoActed();
}
