using System.Security.Claims;
using Alerts.Core.Alerts;
using Alerts.Server.Api;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Server.Ingest;

/// <summary>The editor API: publish (or submit to the desk), correct (or edit while it waits), retract.</summary>
internal static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/v1/alerts").RequireAuthorization(Policies.Editor);
        alerts.MapPost("/", PublishAsync).WithName("PublishAlert")
            .Accepts<PublishRequest>("application/json")
            .Produces<AlertEvent>(StatusCodes.Status201Created)
            .Produces<Alert>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        alerts.MapPatch("/{id}", CorrectAsync).WithName("CorrectAlert")
            .Accepts<CorrectionRequest>("application/json")
            .Produces<AlertEvent>()
            .ProducesAlertChangeProblems();
        alerts.MapPost("/{id}/retract", RetractAsync).WithName("RetractAlert")
            .Accepts<RetractionRequest>("application/json")
            .Produces<AlertEvent>()
            .ProducesAlertChangeProblems();
        return routes;
    }

    public static async Task<IResult> PublishAsync(
        HttpRequest request, ClaimsPrincipal user, Publishing publishing, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            return (await publishing.PublishAsync(new PublishCommand(user, body, idempotencyKey), cancellationToken)).ToHttp(request.HttpContext.Response);
        }
    }

    public static Task<IResult> CorrectAsync(string id, HttpRequest request, ClaimsPrincipal user, Correcting correcting, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, user, correcting.CorrectAsync, cancellationToken);

    public static Task<IResult> RetractAsync(string id, HttpRequest request, ClaimsPrincipal user, Retracting retracting, CancellationToken cancellationToken) =>
        ChangeAsync(id, request, user, retracting.RetractAsync, cancellationToken);

    private static async Task<IResult> ChangeAsync(
        string id, HttpRequest request, ClaimsPrincipal user, Func<ChangeCommand, CancellationToken, Task<NewsroomResult>> useCase, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var command = new ChangeCommand(id, user, body, AlertEntityTag.IfMatchOf(request));
            return (await useCase(command, cancellationToken)).ToHttp(request.HttpContext.Response);
        }
    }

    private static RouteHandlerBuilder ProducesAlertChangeProblems(this RouteHandlerBuilder endpoint) =>
        endpoint
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
