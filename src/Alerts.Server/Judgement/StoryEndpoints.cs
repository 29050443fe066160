using System.Security.Claims;
using Alerts.Server.Api;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>One story across editions (<see cref="ReadingStory"/>).</summary>
internal static class StoryEndpoints
{
    public static IEndpointRouteBuilder MapStoryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stories/{storyId}", GetStoryAsync)
            .RequireAuthorization(Policies.Editor)
            .WithName("GetStory")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<StoryResponse>, ProblemHttpResult>> GetStoryAsync(
        string storyId, ClaimsPrincipal user, ReadingStory reading, CancellationToken cancellationToken) =>
        (await reading.ReadAsync(new ReadStoryCommand(user, storyId), cancellationToken)).ToHttp();
}
