using System.Security.Claims;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Web;

/// <summary>
/// What the console needs beyond the ingest API: checking a key at sign-in without publishing anything.
/// No CORS policy, like every editor endpoint: only same-origin pages may call it.
/// </summary>
internal static class EditorEndpoints
{
    public static IEndpointRouteBuilder MapEditorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/me", GetMe).RequireAuthorization(Policies.Editor).WithName("GetMe");
        return routes;
    }

    public static Ok<EditorResponse> GetMe(ClaimsPrincipal user, Taxonomy taxonomy)
    {
        var grant = KeyClaims.GrantOf(user)!;
        return TypedResults.Ok(new EditorResponse(
            grant.Name, user.FindFirstValue(ClaimTypes.Role)!, taxonomy.Editions.Keys.Where(grant.MayActOn).ToList()));
    }
}
