using System.Security.Claims;
using Alerts.Core.Desk;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Desk;

/// <summary><c>PATCH /api/v1/alerts/{id}</c> on an alert that still waits: edits it in place, no event.</summary>
internal static class WaitingEdits
{
    public static async Task<IResult> EditAsync(
        WaitingEntry entry,
        AlertCorrection correction,
        bool publishAtSent,
        string? publishAtText,
        ClaimsPrincipal user,
        AlertRules rules,
        NewsDesk desk,
        DeskGuard guard,
        CancellationToken cancellationToken)
    {
        var current = entry.Record.Alert;
        if (await guard.CheckEditionAsync(user, current.Edition, current.Id, "edit", cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        var now = desk.Now();
        // Sent as null, publishAt is dropped: the alert goes out as soon as nothing else holds it.
        var publishAt = publishAtSent ? WaitingLife.ParsePublishAt(publishAtText, now, errors) : current.PublishAt;
        if (correction.ChangesNothing && correction.Push is null && !publishAtSent)
        {
            errors.Add("body", "name at least one of headline, url, urgency, sections, regions, push, publishAt.");
        }

        var edited = correction.ChangesNothing ? current : rules.Correct(current, correction, now, errors);
        if (edited is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var grant = DeskGuard.GrantOf(user);
        var step = desk.Life.Edit(current, edited with { Push = correction.Push ?? current.Push }, grant.Role, publishAt, now);
        if (step.Outcome == DeskOutcome.Conflict)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The alert is no longer waiting.", step.Problem);
        }

        // Whoever edits it wrote part of what is approved, and may not approve it.
        var recorded = entry with { Record = entry.Record with { EditedBy = entry.Record.EditedByWith(grant), Editors = entry.Record.EditorsWith(grant) } };
        var result = await desk.ApplyAsync(recorded, step, grant.Name, now, null, cancellationToken);
        return result.Kind == DeskResultKind.Waiting ? TypedResults.Ok(result.Alert) : DeskEndpoints.ToResult(result);
    }
}
