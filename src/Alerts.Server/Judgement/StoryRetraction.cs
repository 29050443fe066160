using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Ingest;

namespace Alerts.Server.Judgement;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/retract</c> with <c>"story": true</c>: retracts every version of the alert's story
/// still live, so a line withdrawn in one language does not stay up in the others. Each version is retracted on
/// its own (one event per alert, as the log and the tickers expect); a version someone else retracts meanwhile
/// is left out of the answer rather than failing the rest.
/// </summary>
internal static class StoryRetraction
{
    public static async Task<IResult> RetractAsync(
        string id,
        RedisStories stories,
        IAlertLog log,
        Func<string, Task<(StoredEvent? Changed, IResult? Problem)>> retractOne,
        CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } named)
        {
            return Problems.AlertNotFound(id);
        }

        var storyId = named.Alert.StoryId ?? named.Alert.Id;
        var live = (await stories.ReadAsync(storyId, cancellationToken))
            .Where(version => version.Status != AlertStatus.Retracted)
            .ToList();
        if (live.Count == 0)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The story is retracted.", $"Every version of story '{storyId}' is retracted already.");
        }

        var events = new List<JsonElement>(live.Count);
        foreach (var version in live)
        {
            var (changed, problem) = await retractOne(version.Id);
            if (changed is { } stored)
            {
                using var document = JsonDocument.Parse(stored.Json);
                events.Add(document.RootElement.Clone());
            }
            else if (events.Count == 0 && problem is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status409Conflict })
            {
                // Nothing is retracted yet and the request itself is wrong (a missing reason): answer that.
                return problem!;
            }
        }

        return TypedResults.Ok(new StoryRetractionResponse(storyId, events));
    }
}
