using System.Security.Claims;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Identity;

/// <summary>
/// <c>GET /api/v1/me</c>: who the caller is, for the console's header and for scripts checking a key. A signed-in
/// person whom no role maps to gets an answer too (no role, no editions), so the console can say why nothing works.
/// </summary>
internal static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/me", GetMe).RequireAuthorization().WithName("GetMe");
        return routes;
    }

    public static Ok<MeResponse> GetMe(ClaimsPrincipal user, Taxonomy taxonomy)
    {
        var actor = Actors.Of(user)!;
        var grant = KeyClaims.GrantOf(user);
        return TypedResults.Ok(new MeResponse(
            actor.Kind,
            actor.Id,
            actor.Name,
            grant is null ? null : user.FindFirstValue(ClaimTypes.Role),
            grant is null ? [] : taxonomy.Editions.Keys.Where(grant.MayActOn).ToList()));
    }
}
