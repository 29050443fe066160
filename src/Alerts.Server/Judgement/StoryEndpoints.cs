using Alerts.Core.Validation;
using Alerts.Server.Ingest;

namespace Alerts.Server.Judgement;

/// <summary>One story across editions.</summary>
internal static class StoryEndpoints
{
    public static IEndpointRouteBuilder MapStoryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stories/{storyId}", GetStoryAsync)
            .RequireAuthorization(IngestEndpoints.EditorPolicy)
            .WithName("GetStory");
        return routes;
    }

    public static async Task<IResult> GetStoryAsync(string storyId, RedisStories stories, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (StoryId.Normalize(storyId, "storyId", errors) is null)
        {
            return Problems.Validation(errors);
        }

        var alerts = await stories.ReadAsync(storyId, cancellationToken);
        return alerts.Count == 0
            ? Problems.Status(StatusCodes.Status404NotFound, "No such story.", $"No alert was published with storyId '{storyId}'.")
            : TypedResults.Ok(new StoryResponse(storyId, alerts));
    }
}
