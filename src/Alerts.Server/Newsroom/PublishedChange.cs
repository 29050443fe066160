using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;

namespace Alerts.Server.Newsroom;

/// <summary>
/// The steps of a change to a published alert (a correction, a retraction), applied to the alert's latest state. When
/// another change lands between the read and the append, the gate judges it again on the alert as it is then, so
/// concurrent changes are serialised, not lost. With <c>If-Match</c> it is never judged again: the append is made
/// against the revision that matched, so a change landing in between makes this one fail with 412 instead of
/// overwriting it.
/// </summary>
internal abstract class PublishedChange(ChangeCommand command, AlertEventType type, IAlertLog log, RedisWaitingAlerts waiting, DeskGuard guard, NewsDesk desk)
    : GateSteps<NewsroomResult>
{
    private string? _edition;
    private bool _waits;
    private AlertEvent? _event;

    protected ChangeCommand Command => command;

    protected NewsDesk Desk => desk;

    /// <summary>The alert as the log has it, read at the start of this attempt.</summary>
    protected AlertRecord Current { get; private set; } = null!;

    /// <summary>The alert as the change leaves it.</summary>
    protected Alert Changed { get; private set; } = null!;

    protected DateTimeOffset Now { get; private set; }

    private string Attempt => type == AlertEventType.Retracted ? "retract" : "correct";

    public override async Task<NewsroomResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await log.FindAsync(command.Id, cancellationToken) is { } current)
        {
            (Current, _edition, _waits) = (current, current.Alert.Edition, false);
            return null;
        }

        if (await waiting.FindAsync(command.Id, cancellationToken) is not { } entry)
        {
            return NewsroomResult.Refused(Problems.AlertNotFound(command.Id));
        }

        (_edition, _waits) = (entry.Record.Alert.Edition, true);
        return null;
    }

    public override Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken) =>
        OutsideEditionAsync(guard, command.User, _edition!, command.Id, Attempt, cancellationToken);

    public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken)
    {
        if (ReadErrors() is { IsEmpty: false } errors)
        {
            return End(NewsroomResult.Refused(Problems.Validation(errors)));
        }

        if (_waits)
        {
            return End(NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is not published.", "It has not reached anyone; cancel it instead."));
        }

        if (Current.Alert.Status == AlertStatus.Retracted)
        {
            return End(NewsroomResult.Refused(StatusCodes.Status409Conflict, "The alert is retracted.",
                "A retracted alert can be neither corrected nor retracted again."));
        }

        if (command.IfMatch is { } ifMatch && !AlertEntityTag.Matches(ifMatch, Current.Alert))
        {
            return End(PreconditionFailed(Current.Alert));
        }

        var changeErrors = new ValidationErrors();
        Now = desk.Now();
        if (Change(Current.Alert, Now, changeErrors) is not { } changed)
        {
            return End(NewsroomResult.Refused(Problems.Validation(changeErrors)));
        }

        Changed = changed;
        return Pass;
    }

    public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
    {
        _event = new AlertEvent { Type = type, Edition = Changed.Edition, At = Now, Alert = Changed, Actor = DeskGuard.GrantOf(command.User).Name };
        var appended = await log.AppendAsync(_event, Current.Revision, null, cancellationToken);
        if (appended.Outcome != AppendOutcome.RevisionConflict)
        {
            // The editor's answer carries the full record; the log keeps a retraction's public view only.
            var full = JsonSerializer.Serialize(_event with { Seq = appended.Event.Seq }, AlertsJson.Options);
            return NewsroomResult.Changed(new StoredEvent(appended.Event.Seq, full), Changed);
        }

        return command.IfMatch is null ? null : PreconditionFailed(await log.FindAsync(command.Id, cancellationToken) is { } latest ? latest.Alert : Current.Alert);
    }

    public override Task AuditAsync(NewsroomResult stored, CancellationToken cancellationToken) =>
        desk.RecordAsync(Changed, _event!.Actor!, [type == AlertEventType.Retracted ? DeskAction.Retracted : DeskAction.Corrected], Now,
            type == AlertEventType.Retracted ? Changed.RetractionReason : $"version {Changed.Version}, seq {stored.Event!.Value.Seq}", cancellationToken);

    /// <summary>What is wrong with the body as sent, before the alert is judged.</summary>
    protected abstract ValidationErrors ReadErrors();

    /// <summary>The alert as the change leaves it, or null with the reasons in <paramref name="errors"/>.</summary>
    protected abstract Alert? Change(Alert current, DateTimeOffset now, ValidationErrors errors);

    private static NewsroomResult PreconditionFailed(Alert current)
    {
        var tag = AlertEntityTag.Of(current);
        return NewsroomResult.Refused(StatusCodes.Status412PreconditionFailed, "The alert has changed since the version in If-Match.",
            $"Its current ETag is {tag.Tag}: read it again, then reapply the change if it still stands.") with { ETag = tag };
    }
}
