using Alerts.Core.Alerts;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What a use case came to: the stored event, the waiting alert or correction, or the refusal. <see cref="Replayed"/> marks an
/// answer given from what the first request with the same <c>Idempotency-Key</c> stored.
/// </summary>
internal sealed record NewsroomResult(
    NewsroomOutcome Outcome,
    StoredEvent? Event = null,
    string? AlertId = null,
    Alert? Alert = null,
    bool Replayed = false,
    ProblemHttpResult? Problem = null,
    PendingCorrectionResponse? Correction = null) : IGateResult<NewsroomResult>
{
    /// <summary>Set on a refusal the client should retry after a moment (the key's first request is still running).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The alert's ETag to answer with: its new one after a change, its current one when If-Match failed.</summary>
    public EntityTagHeaderValue? ETag { get; init; }

    public StoryRetractionResponse? Story { get; init; }

    public static NewsroomResult Published(StoredEvent storedEvent, string alertId, bool replayed) =>
        new(NewsroomOutcome.Published, storedEvent, alertId, Replayed: replayed);

    public static NewsroomResult Changed(StoredEvent storedEvent, Alert changed) =>
        new(NewsroomOutcome.Changed, storedEvent, changed.Id) { ETag = AlertEntityTag.Of(changed, fullRecord: true) };

    public static NewsroomResult Waiting(Alert alert, bool replayed) => new(NewsroomOutcome.Waiting, AlertId: alert.Id, Alert: alert, Replayed: replayed);

    public static NewsroomResult Settled(Alert alert) => new(NewsroomOutcome.Settled, AlertId: alert.Id, Alert: alert);

    public static NewsroomResult CorrectionWaiting(PendingCorrectionResponse correction) =>
        new(NewsroomOutcome.CorrectionWaiting, AlertId: correction.Id, Correction: correction);

    public static NewsroomResult CorrectionEnded(PendingCorrectionResponse correction) =>
        new(NewsroomOutcome.CorrectionEnded, AlertId: correction.Id, Correction: correction);

    public static NewsroomResult StoryRetracted(StoryRetractionResponse story) => new(NewsroomOutcome.StoryRetracted) { Story = story };

    public static NewsroomResult Refused(ProblemHttpResult problem) => new(NewsroomOutcome.Refused, Problem: problem);

    bool IGateResult<NewsroomResult>.IsRefused => Outcome == NewsroomOutcome.Refused;

    public static NewsroomResult Refused(int status, string title, string? detail) => Refused(Problems.Status(status, title, detail));

    /// <summary>What the desk's storing of a step came to: published (201), still waiting (202), ended (200), or lost to another request.</summary>
    public static NewsroomResult Of(DeskResult result) => result.Kind switch
    {
        DeskResultKind.Published => Published(result.Event!.Value, result.Alert!.Id, replayed: false),
        DeskResultKind.Waiting => Waiting(result.Alert!, result.Replayed),
        DeskResultKind.Ended => Settled(result.Alert!),
        DeskResultKind.IdempotencyMismatch => KeyReused(),
        _ => Refused(StatusCodes.Status409Conflict, "Someone else handled the alert first.", "Read it again to see what happened."),
    };

    public static NewsroomResult KeyReused() =>
        Refused(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with a different body.",
            "Use a new key for a new alert; resend the same body to get the first response.");

    /// <summary>The answer of the HTTP API: the event, the waiting alert, the alert as it stands, or the problem.</summary>
    public IResult ToHttp(HttpResponse response)
    {
        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (ETag is { } tag)
        {
            response.GetTypedHeaders().ETag = tag;
        }

        return Outcome switch
        {
            NewsroomOutcome.Published => new EventJsonResult(Event!.Value, StatusCodes.Status201Created, $"/api/v1/alerts/{AlertId}", Replayed),
            NewsroomOutcome.Changed => new EventJsonResult(Event!.Value, StatusCodes.Status200OK),
            NewsroomOutcome.Waiting => new WaitingAlertResult(Alert!, Replayed),
            NewsroomOutcome.Settled => TypedResults.Ok(Alert),
            NewsroomOutcome.CorrectionWaiting => TypedResults.Accepted($"/api/v1/alerts/{AlertId}", Correction),
            NewsroomOutcome.CorrectionEnded => TypedResults.Ok(Correction),
            NewsroomOutcome.StoryRetracted => TypedResults.Ok(Story),
            _ => Problem!,
        };
    }
}
