using System.Security.Claims;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Server.Ingest;

/// <summary>The editor API: publish (or submit to the desk), correct (or edit while it waits), retract.</summary>
internal static class IngestEndpoints
{
    private static readonly HashSet<string> CorrectionFields = new(StringComparer.Ordinal)
        { "headline", "url", "urgency", "sections", "regions", "push", "publishAt" };

    private static readonly HashSet<string> RetractionFields = new(StringComparer.Ordinal) { "reason", "publicNote", "story" };

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

    public static async Task<IResult> CorrectAsync(
        string id, HttpRequest request, ClaimsPrincipal user, AlertRules rules, IAlertLog log, TimeProvider time, NewsDesk desk, RedisWaitingAlerts waiting,
        DeskGuard guard, Correcting correcting, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new ValidationErrors();
            var fields = new JsonFields(body.Root, errors);
            fields.RejectOthers(CorrectionFields);
            var correction = new AlertCorrection
            {
                Headline = fields.String("headline"),
                UrlSent = fields.Has("url"),
                Url = fields.String("url"),
                Urgency = fields.String("urgency"),
                Sections = fields.Strings("sections"),
                Regions = fields.Strings("regions"),
                Push = fields.Boolean("push"),
            };
            var publishAtSent = fields.Has("publishAt");
            var publishAt = fields.String("publishAt");
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (await waiting.FindAsync(id, cancellationToken) is { } entry)
            {
                return await WaitingEdits.EditAsync(entry, correction, publishAtSent, publishAt, user, rules, desk, guard, cancellationToken);
            }

            if (publishAtSent)
            {
                return Problems.Validation("publishAt", "applies only to an alert that has not been published yet.");
            }

            if (await correcting.HoldAsync(id, correction, user, cancellationToken) is { } held)
            {
                return held.ToHttp(request.HttpContext.Response);
            }

            return await ChangeAsync(id, AlertEventType.Corrected, request, log, time,
                (current, now, changeErrors) => rules.Correct(current, correction, now, changeErrors), user, desk, guard, waiting, cancellationToken);
        }
    }

    public static async Task<IResult> RetractAsync(
        string id, HttpRequest request, ClaimsPrincipal user, IAlertLog log, TimeProvider time, NewsDesk desk, RedisWaitingAlerts waiting, DeskGuard guard,
        RedisStories stories, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new ValidationErrors();
            var fields = new JsonFields(body.Root, errors);
            fields.RejectOthers(RetractionFields);
            var reason = fields.String("reason");
            var publicNote = fields.String("publicNote");
            var wholeStory = fields.Boolean("story") ?? false;
            if (wholeStory && AlertEntityTag.IfMatchOf(request) is not null)
            {
                errors.Add("story", "cannot go with If-Match, which names one version of one alert.");
            }

            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            Task<IResult> RetractOneAsync(string versionId) => ChangeAsync(versionId, AlertEventType.Retracted, request, log, time,
                (current, now, changeErrors) => AlertRules.Retract(current, reason, now, changeErrors, publicNote), user, desk, guard, waiting, cancellationToken);
            if (!wholeStory)
            {
                return await RetractOneAsync(id);
            }

            async Task<bool> MayActOnAsync(string edition) => (await authorization.AuthorizeAsync(user, edition, Policies.Edition)).Succeeded;
            return await StoryRetraction.RetractAsync(id, stories, log, MayActOnAsync, RetractOneAsync, request.HttpContext.Response, cancellationToken);
        }
    }

    /// <summary>
    /// Applies a change to the alert's latest state; when another change lands between the read and
    /// the append, reads again and re-applies, so concurrent corrections are serialised, not lost.
    /// With <c>If-Match</c> it never re-applies: the append is made against the revision that matched,
    /// so a change landing in between makes this one fail with 412 instead of overwriting it.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        string id,
        AlertEventType type,
        HttpRequest request,
        IAlertLog log,
        TimeProvider time,
        Func<Alert, DateTimeOffset, ValidationErrors, Alert?> change,
        ClaimsPrincipal user,
        NewsDesk desk,
        DeskGuard guard,
        RedisWaitingAlerts waiting,
        CancellationToken cancellationToken)
    {
        const int attempts = 5;
        var ifMatch = AlertEntityTag.IfMatchOf(request);
        for (var attempt = 1; ; attempt++)
        {
            if (await log.FindAsync(id, cancellationToken) is not { } current)
            {
                if (await waiting.FindAsync(id, cancellationToken) is not { } entry)
                {
                    return Problems.AlertNotFound(id);
                }

                return await guard.CheckEditionAsync(user, entry.Record.Alert.Edition, id, type == AlertEventType.Retracted ? "retract" : "correct", cancellationToken)
                    ?? Problems.Status(StatusCodes.Status409Conflict, "The alert is not published.", "It has not reached anyone; cancel it instead.");
            }

            if (attempt == 1 && await guard.CheckEditionAsync(user, current.Alert.Edition, id, type == AlertEventType.Retracted ? "retract" : "correct", cancellationToken) is { } refused)
            {
                return refused;
            }

            if (current.Alert.Status == AlertStatus.Retracted)
            {
                return Problems.Status(StatusCodes.Status409Conflict, "The alert is retracted.", "A retracted alert can be neither corrected nor retracted again.");
            }

            if (ifMatch is not null && !AlertEntityTag.Matches(ifMatch, current.Alert))
            {
                return PreconditionFailed(request, current.Alert);
            }

            var errors = new ValidationErrors();
            var now = UtcTimestampConverter.Truncate(time.GetUtcNow());
            if (change(current.Alert, now, errors) is not { } changed)
            {
                return Problems.Validation(errors);
            }

            var alertEvent = new AlertEvent { Type = type, Edition = changed.Edition, At = now, Alert = changed, Actor = DeskGuard.GrantOf(user).Name };
            var result = await log.AppendAsync(alertEvent, current.Revision, null, cancellationToken);
            if (result.Outcome != AppendOutcome.RevisionConflict)
            {
                request.HttpContext.Response.GetTypedHeaders().ETag = AlertEntityTag.Of(changed, fullRecord: true);
                var action = type == AlertEventType.Retracted ? DeskAction.Retracted : DeskAction.Corrected;
                await desk.RecordAsync(changed, alertEvent.Actor!, [action], now,
                    type == AlertEventType.Retracted ? changed.RetractionReason : $"version {changed.Version}, seq {result.Event.Seq}", cancellationToken);

                // The editor's answer carries the full record; the log keeps a retraction's public view only.
                var full = JsonSerializer.Serialize(alertEvent with { Seq = result.Event.Seq }, AlertsJson.Options);
                return new EventJsonResult(new StoredEvent(result.Event.Seq, full), StatusCodes.Status200OK);
            }

            if (ifMatch is not null)
            {
                return PreconditionFailed(request, await log.FindAsync(id, cancellationToken) is { } latest ? latest.Alert : current.Alert);
            }

            if (attempt == attempts)
            {
                return Problems.Status(StatusCodes.Status409Conflict, "The alert is being changed by someone else.", "Retry the request.");
            }
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

    private static ProblemHttpResult PreconditionFailed(HttpRequest request, Alert current)
    {
        var tag = AlertEntityTag.Of(current);
        request.HttpContext.Response.GetTypedHeaders().ETag = tag;
        return Problems.Status(StatusCodes.Status412PreconditionFailed, "The alert has changed since the version in If-Match.",
            $"Its current ETag is {tag.Tag}: read it again, then reapply the change if it still stands.");
    }
}
