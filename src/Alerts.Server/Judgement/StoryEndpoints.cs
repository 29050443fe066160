using System.Security.Claims;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
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

    public static async Task<Results<Ok<StoryResponse>, ProblemHttpResult>> GetStoryAsync(
        string storyId, ClaimsPrincipal user, RedisStories stories, CancellationToken cancellationToken)
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

        // The versions of editions the key may not act on are shown as the public sees them: a retraction's reason
        // and withdrawn text stay with the editions that wrote them.
        var grant = DeskGuard.GrantOf(user);
        return TypedResults.Ok(new StoryResponse(storyId, alerts.Select(a => grant.MayActOn(a.Edition) ? a : a.PublicView()).ToList()));
    }
}
