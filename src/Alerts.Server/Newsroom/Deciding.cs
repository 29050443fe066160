using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Approving, rejecting or cancelling a waiting alert: the step <see cref="WaitingLife"/> decides, carried out by the
/// desk. On an alert with a pending correction it is that correction's decision (<see cref="DecidingCorrection"/>).
/// </summary>
internal sealed class Deciding(IAlertLog log, RedisWaitingAlerts waiting, NewsDesk desk, DeskGuard guard, DuplicateGuard duplicates, DecidingCorrection correction)
{
    private IAlertLog Log { get; } = log;

    private RedisWaitingAlerts Waiting { get; } = waiting;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    private DuplicateGuard Duplicates { get; } = duplicates;

    private DecidingCorrection Correction { get; } = correction;

    public Task<NewsroomResult> DecideAsync(DecideCommand command, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command), cancellationToken);

    private sealed class Steps(Deciding use, DecideCommand command) : GateSteps<NewsroomResult>
    {
        private WaitingEntry? _entry;
        private string _edition = null!;
        private string? _reason;
        private DateTimeOffset _now;
        private DeskStep _step = null!;

        private KeyGrant Grant => DeskGuard.GrantOf(command.User);

        /// <summary>A record being released holds the alert as published, so every step on it is a conflict.</summary>
        public override async Task<NewsroomResult?> LoadAsync(CancellationToken cancellationToken)
        {
            _entry = await use.Waiting.FindAsync(command.Id, cancellationToken);
            if (_entry is not null)
            {
                _edition = _entry.Record.Alert.Edition;
                return null;
            }

            if (await use.Correction.DecideAsync(command, cancellationToken) is { } decided)
            {
                return decided;
            }

            // A published alert is judged by its edition like the others before the key is told how it stands.
            if (await use.Log.FindAsync(command.Id, cancellationToken) is not { } published)
            {
                return NewsroomResult.Refused(Problems.AlertNotFound(command.Id));
            }

            _edition = published.Alert.Edition;
            return null;
        }

        public override Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken) =>
            OutsideEditionAsync(use.Guard, command.User, _edition, command.Id, command.Attempt, cancellationToken);

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken)
        {
            var errors = new ValidationErrors();
            _reason = command.ReadReason(errors);
            if (!errors.IsEmpty)
            {
                return End(NewsroomResult.Refused(Problems.Validation(errors)));
            }

            return _entry is null
                ? End(NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is published.", "It no longer waits; correct or retract it instead."))
                : Pass;
        }

        public override async Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken)
        {
            var record = _entry!.Record;
            _now = use.Desk.Now();
            _step = command.Action switch
            {
                DeskAction.Approved => use.Desk.Life.Approve(record.Alert, Grant, _now, record.AuthorsOf()),
                DeskAction.Rejected => WaitingLife.Reject(record.Alert, Grant, _now, record.AuthorsOf()),
                _ => WaitingLife.Cancel(record.Alert, _now),
            };
            return _step.Outcome switch
            {
                DeskOutcome.Refused => NewsroomResult.Refused(await use.Guard.RefuseAsync(command.User, _edition, command.Id, _step.Problem!, cancellationToken)),
                DeskOutcome.Conflict => NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is no longer waiting for that.", _step.Problem),
                _ => null,
            };
        }

        /// <summary>What was published while it waited may repeat it now; the guard excludes the alert's own id.</summary>
        public override async Task<NewsroomResult?> GuardAsync(CancellationToken cancellationToken) =>
            command.Action == DeskAction.Approved && _step.Outcome is DeskOutcome.Publish or DeskOutcome.Wait
            && await use.Duplicates.RefuseAsync(_entry!.Record.Alert, _entry.Record.AllowDuplicate, cancellationToken) is { } duplicate
                ? NewsroomResult.Refused(duplicate)
                : null;

        /// <summary>The desk writes the history and audit lines with the step it stores, as it does for the scheduler's steps.</summary>
        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken) =>
            NewsroomResult.Of(await use.Desk.ApplyAsync(_entry!, _step, Grant.Name, _now, _reason, cancellationToken));
    }
}
