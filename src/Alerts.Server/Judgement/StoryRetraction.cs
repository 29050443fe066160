using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Api;

namespace Alerts.Server.Judgement;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/retract</c> with <c>"story": true</c>: retracts every version of the alert's story
/// still live in an edition the key may act on, so a line withdrawn in one language does not stay up in the
/// others. Each version goes through the ordinary retraction (one event, history and audit line per alert); a
/// version someone else retracts meanwhile is left out of the answer rather than failing the rest.
/// </summary>
internal static class StoryRetraction
{
    public static async Task<IResult> RetractAsync(
        string id,
        RedisStories stories,
        IAlertLog log,
        Func<string, Task<bool>> mayActOnEdition,
        Func<string, Task<IResult>> retractOne,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } named)
        {
            // Unknown, or still waiting for approval or its time: the single retraction says which.
            return await retractOne(id);
        }

        // The named alert is judged first and alone: a key outside its edition gets the audited 403, and no other
        // version of the story is touched.
        if (!await mayActOnEdition(named.Alert.Edition))
        {
            return await retractOne(id);
        }

        var storyId = named.Alert.StoryId ?? named.Alert.Id;
        var live = new List<Alert>();
        foreach (var version in await stories.ReadAsync(storyId, cancellationToken))
        {
            if (version.Status != AlertStatus.Retracted && await mayActOnEdition(version.Edition))
            {
                live.Add(version);
            }
        }

        if (live.Count == 0)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The story is retracted.", $"Every version of story '{storyId}' this key may act on is retracted already.");
        }

        var events = new List<JsonElement>(live.Count);
        foreach (var version in live)
        {
            var answer = await retractOne(version.Id);
            if (answer is EventJsonResult retracted)
            {
                using var document = JsonDocument.Parse(retracted.Event.Json);
                events.Add(document.RootElement.Clone());
            }
            else if (events.Count == 0 && answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status409Conflict })
            {
                // Nothing is retracted yet and the request itself is refused (no reason, a key outside the edition).
                return answer;
            }
        }

        // Each retraction set its version's ETag; the answer covers several alerts, so none of them is its tag.
        response.Headers.ETag = default;
        return TypedResults.Ok(new StoryRetractionResponse(storyId, events));
    }
}
