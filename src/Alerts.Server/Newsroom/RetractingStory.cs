using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/retract</c> with <c>"story": true</c>: retracts every version of the alert's story
/// still live in an edition the key may act on, so a line withdrawn in one language does not stay up in the
/// others. The named alert is judged first and alone: a key outside its edition gets the audited 403 and no version
/// is touched. Each version goes through the ordinary retraction (one event, history and audit line per alert); a
/// version someone else retracts meanwhile is left out of the answer rather than failing the rest.
/// </summary>
internal sealed class RetractingStory(IAlertLog log, RedisStories stories, DeskGuard guard)
{
    private IAlertLog Log { get; } = log;

    private RedisStories Stories { get; } = stories;

    private DeskGuard Guard { get; } = guard;

    public Task<NewsroomResult> RetractAsync(ChangeCommand command, Func<string, Task<NewsroomResult>> retractOne, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command, retractOne), cancellationToken);

    private sealed class Steps(RetractingStory use, ChangeCommand command, Func<string, Task<NewsroomResult>> retractOne) : GateSteps<NewsroomResult>
    {
        private Alert _named = null!;
        private string _storyId = null!;
        private readonly List<Alert> _live = [];

        public override async Task<NewsroomResult?> LoadAsync(CancellationToken cancellationToken)
        {
            if (await use.Log.FindAsync(command.Id, cancellationToken) is not { } named)
            {
                // Unknown, or still waiting for approval or its time: the single retraction says which.
                return await retractOne(command.Id);
            }

            _named = named.Alert;
            _storyId = _named.StoryId ?? _named.Id;
            return null;
        }

        /// <summary>The named alert's edition refuses (audited); the other editions of the story leave their versions out.</summary>
        public override async Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken)
        {
            if (await OutsideEditionAsync(use.Guard, command.User, _named.Edition, _named.Id, "retract", cancellationToken) is { } refused)
            {
                return refused;
            }

            _live.Clear();
            foreach (var version in await use.Stories.ReadAsync(_storyId, cancellationToken))
            {
                if (version.Status != AlertStatus.Retracted && await use.Guard.MayActOnAsync(command.User, version.Edition))
                {
                    _live.Add(version);
                }
            }

            return null;
        }

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken) => _live.Count == 0
            ? End(NewsroomResult.Refused(StatusCodes.Status409Conflict, "The story is retracted.",
                $"Every version of story '{_storyId}' this key may act on is retracted already."))
            : Pass;

        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            var events = new List<JsonElement>(_live.Count);
            foreach (var version in _live)
            {
                var answer = await retractOne(version.Id);
                if (answer.Outcome == NewsroomOutcome.Changed)
                {
                    using var document = JsonDocument.Parse(answer.Event!.Value.Json);
                    events.Add(document.RootElement.Clone());
                }
                else if (events.Count == 0 && answer.Problem?.StatusCode != StatusCodes.Status409Conflict)
                {
                    // Nothing is retracted yet and the request itself is refused (no reason, say).
                    return answer;
                }
            }

            return NewsroomResult.StoryRetracted(new StoryRetractionResponse(_storyId, events));
        }
    }
}
