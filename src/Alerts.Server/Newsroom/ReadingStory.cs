using Alerts.Core.Alerts;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// One story across editions. Each version is judged against the key like any other edition it touches: those of
/// editions the key may not act on are shown as the public sees them, so a retraction's reason and withdrawn text
/// stay with the editions that wrote them. Nothing is refused, so nothing is audited.
/// </summary>
internal sealed class ReadingStory(RedisStories stories, DeskGuard guard)
{
    public async Task<ReadResult<StoryResponse>> ReadAsync(ReadStoryCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (StoryId.Normalize(command.StoryId, "storyId", errors) is null)
        {
            return new(Problems.Validation(errors));
        }

        var alerts = await stories.ReadAsync(command.StoryId, cancellationToken);
        if (alerts.Count == 0)
        {
            return new(Problems.Status(StatusCodes.Status404NotFound, "No such story.", $"No alert was published with storyId '{command.StoryId}'."));
        }

        var editions = new Dictionary<string, bool>(StringComparer.Ordinal);
        var shown = new List<Alert>(alerts.Count);
        foreach (var alert in alerts)
        {
            if (!editions.TryGetValue(alert.Edition, out var mayActOn))
            {
                editions[alert.Edition] = mayActOn = await guard.MayActOnAsync(command.User, alert.Edition);
            }

            shown.Add(mayActOn ? alert : alert.PublicView());
        }

        return new(new StoryResponse(command.StoryId, shown));
    }
}
