using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>PATCH /api/v1/alerts/{id}</c> on an alert that still waits: edits it in place, no event. The edit is judged as a
/// new submission would be, and whoever edits it wrote part of what is approved, so may not approve it.
/// </summary>
internal sealed class EditingWaiting(AlertRules rules, NewsDesk desk, DeskGuard guard)
{
    private AlertRules Rules { get; } = rules;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    public Task<NewsroomResult> EditAsync(WaitingEntry entry, ChangeCommand command, CorrectionFields fields, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, entry, command, fields), cancellationToken);

    private sealed class Steps(EditingWaiting use, WaitingEntry entry, ChangeCommand command, CorrectionFields fields) : GateSteps<NewsroomResult>
    {
        private Alert _edited = null!;
        private DateTimeOffset? _publishAt;
        private DateTimeOffset _now;
        private DeskStep _step = null!;

        private Alert Current => entry.Record.Alert;

        public override Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken) =>
            OutsideEditionAsync(use.Guard, command.User, Current.Edition, Current.Id, "edit", cancellationToken);

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken)
        {
            if (!fields.Errors.IsEmpty)
            {
                return End(NewsroomResult.Refused(Problems.Validation(fields.Errors)));
            }

            var errors = new ValidationErrors();
            var correction = fields.Correction;
            _now = use.Desk.Now();
            // Sent as null, publishAt is dropped: the alert goes out as soon as nothing else holds it.
            _publishAt = fields.PublishAtSent ? WaitingLife.ParsePublishAt(fields.PublishAt, _now, errors) : Current.PublishAt;
            if (correction.ChangesNothing && correction.Push is null && !fields.PublishAtSent)
            {
                errors.Add("body", "name at least one of headline, url, urgency, sections, regions, push, publishAt.");
            }

            var edited = correction.ChangesNothing ? Current : use.Rules.Correct(Current, correction, _now, errors);
            if (edited is null || !errors.IsEmpty)
            {
                return End(NewsroomResult.Refused(Problems.Validation(errors)));
            }

            _edited = edited with { Push = correction.Push ?? Current.Push };
            return Pass;
        }

        public override Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken)
        {
            _step = use.Desk.Life.Edit(Current, _edited, DeskGuard.GrantOf(command.User).Role, _publishAt, _now);
            return _step.Outcome == DeskOutcome.Conflict
                ? End(NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is no longer waiting.", _step.Problem))
                : Pass;
        }

        /// <summary>The desk writes the history and audit lines with the step it stores, as it does for the scheduler's steps.</summary>
        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            var grant = DeskGuard.GrantOf(command.User);
            var recorded = entry with { Record = entry.Record with { EditedBy = entry.Record.EditedByWith(grant), Editors = entry.Record.EditorsWith(grant) } };
            var result = await use.Desk.ApplyAsync(recorded, _step, grant.Name, _now, null, cancellationToken);
            return result.Kind == DeskResultKind.Waiting ? NewsroomResult.Settled(result.Alert!) : NewsroomResult.Of(result);
        }
    }
}
