using System.Security.Claims;
using Alerts.Server.Api;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>
/// <c>POST /api/v1/alerts/preview</c>: what publishing a body would do, without doing it (<see cref="Previewing"/>);
/// with <c>?send=test</c> its push also goes to the test devices (<see cref="TestSending"/>).
/// </summary>
internal static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/alerts/preview", PreviewAsync).RequireAuthorization(Policies.Editor).WithName("PreviewAlert");
        return routes;
    }

    public static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> PreviewAsync(
        HttpRequest request, ClaimsPrincipal user, Previewing previewing, TestSending testSending, string? send, CancellationToken cancellationToken)
    {
        if (send is not (null or "test"))
        {
            return Problems.Validation("send", "must be 'test' (send the would-be push to the test devices) or absent.");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var result = send is null
                ? await previewing.PreviewAsync(new PreviewCommand(user, body), cancellationToken)
                : await testSending.SendAsync(new TestSendCommand(user, body), cancellationToken);
            return result.ToHttp();
        }
    }
}
