using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Approving, rejecting or cancelling an alert's pending correction (<see cref="Correcting"/>): approved, it is applied
/// to the alert as it is then (201, the <c>corrected</c> event); rejected or cancelled, it is dropped (200). Nobody who
/// wrote any of it approves it, and its submitter cancels rather than rejects it.
/// </summary>
internal sealed class DecidingCorrection(IAlertLog log, AlertRules rules, RedisPendingCorrections corrections, NewsDesk desk, DeskGuard guard)
{
    private IAlertLog Log { get; } = log;

    private AlertRules Rules { get; } = rules;

    private RedisPendingCorrections Corrections { get; } = corrections;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    /// <summary>The decision on the alert's pending correction; null when none waits.</summary>
    public async Task<NewsroomResult?> DecideAsync(DecideCommand command, CancellationToken cancellationToken) =>
        await Corrections.FindAsync(command.Id, cancellationToken) is { } entry
            ? await Gate.RunAsync(new Steps(this, command, entry), cancellationToken)
            : null;

    public static NewsroomResult Raced() =>
        NewsroomResult.Refused(StatusCodes.Status409Conflict, "Someone else handled the correction first.", "Read the alert again to see what happened.");

    private sealed class Steps(DecidingCorrection use, DecideCommand command, PendingCorrectionEntry entry) : GateSteps<NewsroomResult>
    {
        private string? _reason;
        private Alert? _applied;
        private DateTimeOffset _now;

        private PendingCorrection Pending => entry.Correction;

        private KeyGrant Grant => DeskGuard.GrantOf(command.User);

        public override Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken) =>
            OutsideEditionAsync(use.Guard, command.User, Pending.Edition, command.Id, command.Attempt, cancellationToken);

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken)
        {
            var errors = new ValidationErrors();
            _reason = command.ReadReason(errors);
            return errors.IsEmpty ? Pass : End(NewsroomResult.Refused(Problems.Validation(errors)));
        }

        public override async Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken)
        {
            var why = command.Action switch
            {
                DeskAction.Approved when Pending.AuthorsOf().Wrote(Grant) => "A key that wrote any of the correction never approves it; a second person must.",
                DeskAction.Rejected when Pending.AuthorsOf().Submitted(Grant) => "A key does not judge its own correction; cancel it instead.",
                _ => null,
            };
            return why is null ? null : NewsroomResult.Refused(await use.Guard.RefuseAsync(command.User, Pending.Edition, command.Id, why, cancellationToken));
        }

        /// <summary>Claimed first, so of two decisions one is carried out; an approval that then cannot be stored puts it back.</summary>
        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            if (!await use.Corrections.WriteAsync(Pending.Edition, command.Id, entry.Revision, null, cancellationToken))
            {
                return Raced();
            }

            if (command.Action != DeskAction.Approved)
            {
                return NewsroomResult.CorrectionEnded(
                    PendingCorrectionResponse.Of(Pending, command.Action == DeskAction.Rejected ? AlertStatus.Rejected : AlertStatus.Cancelled));
            }

            try
            {
                return await ApplyAsync(cancellationToken);
            }
            catch (Exception)
            {
                await use.Corrections.WriteAsync(Pending.Edition, command.Id, entry.Revision + 1, Pending, CancellationToken.None);
                throw;
            }
        }

        public override async Task AuditAsync(NewsroomResult stored, CancellationToken cancellationToken)
        {
            if (_applied is { } corrected)
            {
                await use.Desk.RecordAsync(corrected, Grant.Name, [DeskAction.Approved, DeskAction.Corrected], _now,
                    $"version {corrected.Version}, seq {stored.Event!.Value.Seq}", cancellationToken);
            }
            else if (await use.Log.FindAsync(command.Id, cancellationToken) is { } current)
            {
                await use.Desk.RecordAsync(current.Alert, Grant.Name, [command.Action], use.Desk.Now(), _reason ?? "correction", cancellationToken);
            }
        }

        /// <summary>The correction on the alert as it is now, serialised against concurrent changes like a direct one.</summary>
        private async Task<NewsroomResult> ApplyAsync(CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await use.Log.FindAsync(Pending.AlertId, cancellationToken) is not { } current || current.Alert.Status == AlertStatus.Retracted)
                {
                    return NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is retracted.", "Its pending correction no longer applies.");
                }

                _now = use.Desk.Now();
                var errors = new ValidationErrors();
                if (use.Rules.Correct(current.Alert, Pending.Correction, _now, errors) is not { } corrected)
                {
                    return NewsroomResult.Refused(Problems.Validation(errors));
                }

                corrected = corrected with { ApprovedBy = Grant.Name };
                var alertEvent = new AlertEvent { Type = AlertEventType.Corrected, Edition = corrected.Edition, At = _now, Alert = corrected, Actor = Grant.Name };
                var appended = await use.Log.AppendAsync(alertEvent, current.Revision, null, cancellationToken);
                if (appended.Outcome != AppendOutcome.RevisionConflict)
                {
                    _applied = corrected;
                    var full = JsonSerializer.Serialize(alertEvent with { Seq = appended.Event.Seq }, AlertsJson.Options);
                    return NewsroomResult.Published(new StoredEvent(appended.Event.Seq, full), corrected.Id, replayed: false);
                }

                if (attempt == Gate.Attempts)
                {
                    return Raced();
                }
            }
        }
    }
}
