using System.Security.Claims;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Corrections of published alerts that the approval rule holds (<c>push: true</c>, or any content change with
/// <c>Scope=all</c>): kept as a pending correction while the published version stays live, then applied when a
/// second person approves it, or dropped when one rejects it or the submitter cancels it. Once one waits, every
/// further correction of the alert joins it, so nothing slips past it. Nobody who wrote any of it approves it.
/// </summary>
internal sealed class Correcting(
    IAlertLog log, AlertRules rules, RedisPendingCorrections corrections, NewsDesk desk, DeskGuard guard, IOptions<ApprovalOptions> approval)
{
    private const int Attempts = 5;

    /// <summary>202 with the pending correction when the rule holds it; null when it may be applied directly.</summary>
    public async Task<NewsroomResult?> HoldAsync(string id, AlertCorrection correction, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } current || current.Alert.Status == AlertStatus.Retracted)
        {
            // Unknown, waiting or retracted: the direct correction answers 404 or 409.
            return null;
        }

        var alert = current.Alert;
        var grant = DeskGuard.GrantOf(user);
        var pending = await corrections.FindAsync(alert.Edition, id, cancellationToken);
        var errors = new ValidationErrors();
        var now = desk.Now();
        var changed = rules.Correct(alert, correction, now, errors);
        var changesContent = changed is not null && WaitingLife.ChangesContent(alert, changed with { Push = correction.Push ?? alert.Push });
        if (pending is null && !approval.Value.Rule.IsNeededForCorrection(grant.Role, correction.Push == true, changesContent))
        {
            return null;
        }

        if (await guard.CheckEditionAsync(user, alert.Edition, id, "correct", cancellationToken) is { } refused)
        {
            return NewsroomResult.Refused(refused);
        }

        var merged = pending is null ? correction : pending.Correction.Correction.Then(correction);
        if (changed is null || rules.Correct(alert, merged, now, errors) is null)
        {
            return NewsroomResult.Refused(Problems.Validation(errors));
        }

        var held = pending is null
            ? new PendingCorrection { AlertId = id, Edition = alert.Edition, Correction = merged, SubmittedBy = grant.Name, Submitter = grant.Who, SubmittedAt = now }
            : pending.Correction with
            {
                Correction = merged,
                EditedBy = pending.Correction.EditedByWith(grant),
                Editors = pending.Correction.EditorsWith(grant),
            };
        var revision = pending?.Revision ?? await corrections.RevisionAsync(alert.Edition, id, cancellationToken);
        if (!await corrections.WriteAsync(alert.Edition, id, revision, held, cancellationToken))
        {
            return Raced();
        }

        await desk.RecordAsync(alert, grant.Name, [pending is null ? DeskAction.Submitted : DeskAction.Edited], now, "correction", cancellationToken);
        return NewsroomResult.CorrectionWaiting(PendingCorrectionResponse.Of(held, AlertStatus.Pending));
    }

    /// <summary>Applies the alert's pending correction (201 with the <c>corrected</c> event); null when none waits.</summary>
    public async Task<NewsroomResult?> ApproveAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await corrections.FindAsync(id, cancellationToken) is not { } entry)
        {
            return null;
        }

        var pending = entry.Correction;
        var grant = DeskGuard.GrantOf(user);
        if (await guard.CheckEditionAsync(user, pending.Edition, id, "approve", cancellationToken) is { } refused)
        {
            return NewsroomResult.Refused(refused);
        }

        if (pending.AuthorsOf().Wrote(grant))
        {
            return NewsroomResult.Refused(await guard.RefuseAsync(user, pending.Edition, id,
                "A key that wrote any of the correction never approves it; a second person must.", cancellationToken));
        }

        // Claimed first, so of two approvals one applies it; put back if the correction then cannot be stored.
        if (!await corrections.WriteAsync(pending.Edition, id, entry.Revision, null, cancellationToken))
        {
            return Raced();
        }

        try
        {
            return await ApplyAsync(pending, grant.Name, cancellationToken);
        }
        catch (Exception)
        {
            await corrections.WriteAsync(pending.Edition, id, entry.Revision + 1, pending, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Drops the alert's pending correction (200); null when none waits.</summary>
    public async Task<NewsroomResult?> EndAsync(string id, ClaimsPrincipal user, DeskAction action, string? reason, CancellationToken cancellationToken)
    {
        if (await corrections.FindAsync(id, cancellationToken) is not { } entry)
        {
            return null;
        }

        var pending = entry.Correction;
        var grant = DeskGuard.GrantOf(user);
        if (await guard.CheckEditionAsync(user, pending.Edition, id, action == DeskAction.Rejected ? "reject" : "cancel", cancellationToken) is { } refused)
        {
            return NewsroomResult.Refused(refused);
        }

        if (action == DeskAction.Rejected && pending.AuthorsOf().Submitted(grant))
        {
            return NewsroomResult.Refused(await guard.RefuseAsync(user, pending.Edition, id,
                "A key does not judge its own correction; cancel it instead.", cancellationToken));
        }

        if (!await corrections.WriteAsync(pending.Edition, id, entry.Revision, null, cancellationToken))
        {
            return Raced();
        }

        if (await log.FindAsync(id, cancellationToken) is { } current)
        {
            await desk.RecordAsync(current.Alert, grant.Name, [action], desk.Now(), reason ?? "correction", cancellationToken);
        }

        return NewsroomResult.CorrectionEnded(
            PendingCorrectionResponse.Of(pending, action == DeskAction.Rejected ? AlertStatus.Rejected : AlertStatus.Cancelled));
    }

    /// <summary>The correction on the alert as it is now, serialised against concurrent changes like a direct one.</summary>
    private async Task<NewsroomResult> ApplyAsync(PendingCorrection pending, string approver, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await log.FindAsync(pending.AlertId, cancellationToken) is not { } current || current.Alert.Status == AlertStatus.Retracted)
            {
                return NewsroomResult.Refused(Problems.Status(StatusCodes.Status409Conflict, "The alert is retracted.", "Its pending correction no longer applies."));
            }

            var now = desk.Now();
            var errors = new ValidationErrors();
            if (rules.Correct(current.Alert, pending.Correction, now, errors) is not { } corrected)
            {
                return NewsroomResult.Refused(Problems.Validation(errors));
            }

            corrected = corrected with { ApprovedBy = approver };
            var alertEvent = new AlertEvent { Type = AlertEventType.Corrected, Edition = corrected.Edition, At = now, Alert = corrected, Actor = approver };
            var appended = await log.AppendAsync(alertEvent, current.Revision, null, cancellationToken);
            if (appended.Outcome != AppendOutcome.RevisionConflict)
            {
                await desk.RecordAsync(corrected, approver, [DeskAction.Approved, DeskAction.Corrected], now,
                    $"version {corrected.Version}, seq {appended.Event.Seq}", cancellationToken);
                var full = JsonSerializer.Serialize(alertEvent with { Seq = appended.Event.Seq }, AlertsJson.Options);
                return NewsroomResult.Published(new StoredEvent(appended.Event.Seq, full), corrected.Id, replayed: false);
            }

            if (attempt == Attempts)
            {
                return Raced();
            }
        }
    }

    private static NewsroomResult Raced() =>
        NewsroomResult.Refused(Problems.Status(StatusCodes.Status409Conflict, "Someone else handled the correction first.", "Read the alert again to see what happened."));
}
