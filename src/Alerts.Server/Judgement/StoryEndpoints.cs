using Alerts.Core.Validation;
using Alerts.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>One story across editions.</summary>
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

    public static async Task<Results<Ok<StoryResponse>, ProblemHttpResult>> GetStoryAsync(string storyId, RedisStories stories, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (StoryId.Normalize(storyId, "storyId", errors) is null)
        {
            return Problems.Validation(errors);
        }

        var alerts = await stories.ReadAsync(storyId, cancellationToken);
        if (alerts.Count == 0)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such story.", $"No alert was published with storyId '{storyId}'.");
        }

        return TypedResults.Ok(new StoryResponse(storyId, alerts));
    }
}
