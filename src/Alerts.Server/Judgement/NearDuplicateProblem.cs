using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>The 409 problem+json of a refused near-duplicate, with the line it repeats.</summary>
internal static class NearDuplicateProblem
{
    /// <summary>Resolved against the server, like any URI reference; <c>type</c> ends in <c>/near-duplicate</c> as the contract says.</summary>
    public const string Type = "/api/v1/problems/near-duplicate";

    public static ProblemHttpResult For(NearDuplicate closest) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: Type,
            title: "A nearly identical line went out in this edition a short while ago.",
            detail: $"It repeats alert '{closest.Id}' (\"{closest.Headline}\"); send the same body with \"allowDuplicate\": true to publish it anyway.",
            extensions: new Dictionary<string, object?>
            {
                ["duplicateOf"] = closest.Id,
                ["duplicateHeadline"] = closest.Headline,
                ["similarity"] = Math.Round(closest.Similarity, 3),
            });
}
