using Alerts.Core.Alerts;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// One story across editions, through the <see cref="Gate"/>. Each version is judged against the key like any other
/// edition it touches: those of editions the key may not act on are shown as the public sees them, so a retraction's
/// reason and withdrawn text stay with the editions that wrote them. Nothing is refused, so nothing is audited.
/// </summary>
internal sealed class ReadingStory(RedisStories stories, DeskGuard guard)
{
    private RedisStories Stories { get; } = stories;

    private DeskGuard Guard { get; } = guard;

    public Task<ReadResult<StoryResponse>> ReadAsync(ReadStoryCommand command, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command), cancellationToken);

    private sealed class Steps(ReadingStory use, ReadStoryCommand command) : GateSteps<ReadResult<StoryResponse>>
    {
        private readonly Dictionary<string, bool> _mayActOn = new(StringComparer.Ordinal);
        private IReadOnlyList<Alert> _alerts = [];

        /// <summary>An id that cannot be a story's names nothing to read (400); one nothing was published with, 404.</summary>
        public override async Task<ReadResult<StoryResponse>?> LoadAsync(CancellationToken cancellationToken)
        {
            var errors = new ValidationErrors();
            if (StoryId.Normalize(command.StoryId, "storyId", errors) is null)
            {
                return ReadResult<StoryResponse>.Refused(Problems.Validation(errors));
            }

            _alerts = await use.Stories.ReadAsync(command.StoryId, cancellationToken);
            return _alerts.Count == 0
                ? ReadResult<StoryResponse>.Refused(Problems.Status(StatusCodes.Status404NotFound, "No such story.", $"No alert was published with storyId '{command.StoryId}'."))
                : null;
        }

        /// <summary>Every edition the story touches is judged; none refuses, they only decide how each version is shown.</summary>
        public override async Task<ReadResult<StoryResponse>?> AuthorizeAsync(CancellationToken cancellationToken)
        {
            foreach (var alert in _alerts)
            {
                if (!_mayActOn.ContainsKey(alert.Edition))
                {
                    _mayActOn[alert.Edition] = await use.Guard.MayActOnAsync(command.User, alert.Edition);
                }
            }

            return null;
        }

        public override Task<ReadResult<StoryResponse>?> StoreAsync(CancellationToken cancellationToken) =>
            Task.FromResult<ReadResult<StoryResponse>?>(new(new StoryResponse(
                command.StoryId, [.. _alerts.Select(alert => _mayActOn[alert.Edition] ? alert : alert.PublicView())])));
    }
}
