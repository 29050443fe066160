using Alerts.Core.Alerts;
using Alerts.Core.Validation;
using Alerts.Server.Desk;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/retract</c>: withdraws a published alert (the log keeps its public view). With
/// <c>"story": true</c> it is a story retraction (<see cref="RetractingStory"/>), which retracts each version here.
/// </summary>
internal sealed class Retracting(IAlertLog log, RedisWaitingAlerts waiting, NewsDesk desk, DeskGuard guard, RetractingStory story)
{
    private IAlertLog Log { get; } = log;

    private RedisWaitingAlerts Waiting { get; } = waiting;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    public Task<NewsroomResult> RetractAsync(ChangeCommand command, CancellationToken cancellationToken)
    {
        var fields = RetractionFields.Read(command.Body.Root, command.IfMatch);
        return fields.WholeStory && fields.Errors.IsEmpty
            ? story.RetractAsync(command, id => RetractOneAsync(command with { Id = id }, fields, cancellationToken), cancellationToken)
            : RetractOneAsync(command, fields, cancellationToken);
    }

    private Task<NewsroomResult> RetractOneAsync(ChangeCommand command, RetractionFields fields, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command, fields), cancellationToken);

    private sealed class Steps(Retracting use, ChangeCommand command, RetractionFields fields)
        : PublishedChange(command, AlertEventType.Retracted, use.Log, use.Waiting, use.Guard, use.Desk)
    {
        protected override ValidationErrors ReadErrors() => fields.Errors;

        protected override Alert? Change(Alert current, DateTimeOffset now, ValidationErrors errors) =>
            AlertRules.Retract(current, fields.Reason, now, errors, fields.PublicNote);
    }
}
