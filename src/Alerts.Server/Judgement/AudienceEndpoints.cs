using System.Security.Claims;
using Alerts.Server.Api;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>Who an alert would reach: live ticker readers on every node and registered devices (<see cref="CountingAudience"/>).</summary>
internal static class AudienceEndpoints
{
    public static IEndpointRouteBuilder MapAudienceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/editions/{edition}/audience", GetAudienceAsync)
            .RequireAuthorization(Policies.Editor)
            .WithName("GetAudience")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<AudienceResponse>, ProblemHttpResult>> GetAudienceAsync(
        string edition, string[]? sections, string[]? regions, string? urgency, ClaimsPrincipal user, CountingAudience counting,
        CancellationToken cancellationToken) =>
        (await counting.CountAsync(new AudienceCommand(user, edition, SplitList(sections), SplitList(regions), urgency), cancellationToken)).ToHttp();

    /// <summary><c>sections=a,b</c> and <c>sections=a&amp;sections=b</c> both work; absent is "none".</summary>
    private static string[]? SplitList(string[]? values) =>
        values?.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
