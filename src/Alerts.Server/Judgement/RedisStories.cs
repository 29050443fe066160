using Alerts.Core.Alerts;
using StackExchange.Redis;

namespace Alerts.Server.Judgement;

/// <summary>
/// Which alerts belong to a story. An alert's id joins its story's set when it is submitted,
/// before it is appended: a refused or failed submission leaves an id that no alert answers to,
/// which reading skips, and a published one is never missing from its story.
/// </summary>
internal sealed class RedisStories(IConnectionMultiplexer redis, JudgementKeys keys, IAlertLog log)
{
    public async Task LinkAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (alert.StoryId is { } storyId)
        {
            await redis.GetDatabase().SetAddAsync(keys.Story(storyId), alert.Id).WaitAsync(cancellationToken);
        }
    }

    /// <summary>The story's alerts in every edition, oldest first; the alert whose id is the story id counts too.</summary>
    public async Task<IReadOnlyList<Alert>> ReadAsync(string storyId, CancellationToken cancellationToken)
    {
        var members = await redis.GetDatabase().SetMembersAsync(keys.Story(storyId)).WaitAsync(cancellationToken);
        var ids = members.Select(member => (string)member!).Append(storyId).Distinct(StringComparer.Ordinal);
        var found = await Task.WhenAll(ids.Select(id => log.FindAsync(id, cancellationToken)));
        return found.OfType<AlertRecord>()
            .Select(record => record.Alert)
            .Where(alert => alert.StoryId == storyId || alert.Id == storyId)
            .OrderBy(alert => alert.PublishedAt)
            .ThenBy(alert => alert.Id, StringComparer.Ordinal)
            .ToList();
    }
}
