using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>PATCH /api/v1/alerts/{id}</c>. On an alert that still waits it is an edit (<see cref="EditingWaiting"/>); on a
/// published one, a correction. One the approval rule holds (<c>push: true</c>, or any content change with
/// <c>Scope=all</c>) is kept as a pending correction while the published version stays live, until a second person
/// approves or rejects it (<see cref="DecidingCorrection"/>). Once one waits, every further correction of the alert
/// joins it, so nothing slips past it.
/// </summary>
internal sealed class Correcting(
    IAlertLog log,
    AlertRules rules,
    RedisWaitingAlerts waiting,
    RedisPendingCorrections corrections,
    NewsDesk desk,
    DeskGuard guard,
    EditingWaiting editing,
    IOptions<ApprovalOptions> approval)
{
    private IAlertLog Log { get; } = log;

    private AlertRules Rules { get; } = rules;

    private RedisWaitingAlerts Waiting { get; } = waiting;

    private RedisPendingCorrections Corrections { get; } = corrections;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    private IOptions<ApprovalOptions> Approval { get; } = approval;

    public async Task<NewsroomResult> CorrectAsync(ChangeCommand command, CancellationToken cancellationToken)
    {
        var fields = CorrectionFields.Read(command.Body.Root);
        return await Waiting.FindAsync(command.Id, cancellationToken) is { } entry
            ? await editing.EditAsync(entry, command, fields, cancellationToken)
            : await Gate.RunAsync(new Steps(this, command, fields), cancellationToken);
    }

    private sealed class Steps(Correcting use, ChangeCommand command, CorrectionFields fields)
        : PublishedChange(command, AlertEventType.Corrected, use.Log, use.Waiting, use.Guard, use.Desk)
    {
        private PendingCorrectionEntry? _pending;
        private PendingCorrection? _held;

        protected override ValidationErrors ReadErrors()
        {
            if (fields.Errors.IsEmpty && fields.PublishAtSent)
            {
                fields.Errors.Add("publishAt", "applies only to an alert that has not been published yet.");
            }

            return fields.Errors;
        }

        protected override Alert? Change(Alert current, DateTimeOffset now, ValidationErrors errors) => use.Rules.Correct(current, fields.Correction, now, errors);

        /// <summary>Held as a pending correction when the rule says it must wait, or when one waits already.</summary>
        public override async Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken)
        {
            var alert = Current.Alert;
            var correction = fields.Correction;
            var grant = DeskGuard.GrantOf(Command.User);
            _pending = await use.Corrections.FindAsync(alert.Edition, alert.Id, cancellationToken);
            var changesContent = WaitingLife.ChangesContent(alert, Changed with { Push = correction.Push ?? alert.Push });
            if (_pending is null && !use.Approval.Value.Rule.IsNeededForCorrection(grant.Role, correction.Push == true, changesContent))
            {
                _held = null;
                return null;
            }

            var merged = _pending is null ? correction : _pending.Correction.Correction.Then(correction);
            var errors = new ValidationErrors();
            if (use.Rules.Correct(alert, merged, Now, errors) is null)
            {
                return NewsroomResult.Refused(Problems.Validation(errors));
            }

            _held = _pending is null
                ? new PendingCorrection { AlertId = alert.Id, Edition = alert.Edition, Correction = merged, SubmittedBy = grant.Name, Submitter = grant.Who, SubmittedAt = Now }
                : _pending.Correction with
                {
                    Correction = merged,
                    EditedBy = _pending.Correction.EditedByWith(grant),
                    Editors = _pending.Correction.EditorsWith(grant),
                };
            return null;
        }

        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            if (_held is null)
            {
                return await base.StoreAsync(cancellationToken);
            }

            var alert = Current.Alert;
            var revision = _pending?.Revision ?? await use.Corrections.RevisionAsync(alert.Edition, alert.Id, cancellationToken);
            return await use.Corrections.WriteAsync(alert.Edition, alert.Id, revision, _held, cancellationToken)
                ? NewsroomResult.CorrectionWaiting(PendingCorrectionResponse.Of(_held, AlertStatus.Pending))
                : DecidingCorrection.Raced();
        }

        public override Task AuditAsync(NewsroomResult stored, CancellationToken cancellationToken) => _held is null
            ? base.AuditAsync(stored, cancellationToken)
            : Desk.RecordAsync(Current.Alert, DeskGuard.GrantOf(Command.User).Name, [_pending is null ? DeskAction.Submitted : DeskAction.Edited], Now,
                "correction", cancellationToken);
    }
}
