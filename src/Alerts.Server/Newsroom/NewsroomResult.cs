using Alerts.Core.Alerts;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.AspNetCore.Http.HttpResults;

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
    PendingCorrectionResponse? Correction = null)
{
    /// <summary>Set on a refusal the client should retry after a moment (the key's first request is still running).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static NewsroomResult Published(StoredEvent storedEvent, string alertId, bool replayed) =>
        new(NewsroomOutcome.Published, storedEvent, alertId, Replayed: replayed);

    public static NewsroomResult Waiting(Alert alert, bool replayed) => new(NewsroomOutcome.Waiting, AlertId: alert.Id, Alert: alert, Replayed: replayed);

    public static NewsroomResult CorrectionWaiting(PendingCorrectionResponse correction) =>
        new(NewsroomOutcome.CorrectionWaiting, AlertId: correction.Id, Correction: correction);

    public static NewsroomResult CorrectionEnded(PendingCorrectionResponse correction) =>
        new(NewsroomOutcome.CorrectionEnded, AlertId: correction.Id, Correction: correction);

    public static NewsroomResult Refused(ProblemHttpResult problem) => new(NewsroomOutcome.Refused, Problem: problem);

    /// <summary>The answer of the HTTP API: 201 with the event, 202 with the waiting alert, or the problem.</summary>
    public IResult ToHttp(HttpResponse response)
    {
        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Outcome switch
        {
            NewsroomOutcome.Published => new EventJsonResult(Event!.Value, StatusCodes.Status201Created, $"/api/v1/alerts/{AlertId}", Replayed),
            NewsroomOutcome.Waiting => new WaitingAlertResult(Alert!, Replayed),
            NewsroomOutcome.CorrectionWaiting => TypedResults.Accepted($"/api/v1/alerts/{AlertId}", Correction),
            NewsroomOutcome.CorrectionEnded => TypedResults.Ok(Correction),
            _ => Problem!,
        };
    }
}
