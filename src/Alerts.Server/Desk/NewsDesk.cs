using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

/// <summary>
/// Carries out the steps <see cref="WaitingLife"/> decides: keeps waiting alerts out of the log, publishes
/// one exactly once when it is approved or due, and records every step in the history and audit log.
/// </summary>
internal sealed class NewsDesk(
    WaitingLife life, RedisWaitingAlerts waiting, IAlertLog log, RedisAuditTrail audit, TimeProvider time, IOptions<SchedulerOptions> scheduler)
{
    public WaitingLife Life => life;

    public DateTimeOffset Now() => UtcTimestampConverter.Truncate(time.GetUtcNow());

    /// <summary>
    /// Stores a new waiting alert submitted by <paramref name="submitter"/> (its <see cref="KeyGrant.Who"/>); a retry with the same
    /// Idempotency-Key and body returns the first alert.
    /// </summary>
    public async Task<DeskResult> HoldAsync(
        DeskStep step, string submitter, DateTimeOffset now, bool allowDuplicate, (string Id, string BodyHash)? idempotency, CancellationToken cancellationToken)
    {
        var alert = step.Alert!;
        var record = new WaitingRecord { Alert = alert, SubmittedAt = now, AllowDuplicate = allowDuplicate, Submitter = submitter };
        var write = await waiting.WriteAsync(alert.Edition, alert.Id, 0, record, life.DueAt(alert, now),
            idempotency is { } key ? (key.Id, $"{key.BodyHash}:{alert.Id}") : null, cancellationToken);
        if (write.Outcome == WaitingWriteOutcome.Replayed)
        {
            var separator = write.Replayed!.IndexOf(':', StringComparison.Ordinal);
            if (write.Replayed[..separator] != idempotency!.Value.BodyHash)
            {
                return DeskResult.Mismatch;
            }

            var first = await waiting.FindAsync(alert.Edition, write.Replayed[(separator + 1)..], cancellationToken);
            return first is null ? DeskResult.Gone : DeskResult.Waiting(first.Record.Alert, replayed: true);
        }

        await RecordAsync(alert, alert.SubmittedBy!, step.Actions, now, null, cancellationToken);
        return DeskResult.Waiting(alert);
    }

    /// <summary>Applies a decided step to a stored waiting alert: keeps it waiting, ends it, or publishes it.</summary>
    public async Task<DeskResult> ApplyAsync(WaitingEntry entry, DeskStep step, string actor, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        var alert = step.Alert!;
        switch (step.Outcome)
        {
            case DeskOutcome.Wait:
            case DeskOutcome.End:
                var kept = entry.Record with { Alert = alert };
                DateTimeOffset? dueAt = step.Outcome == DeskOutcome.Wait ? life.DueAt(alert, entry.Record.SubmittedAt) : null;
                if ((await waiting.WriteAsync(alert.Edition, alert.Id, entry.Revision, kept, dueAt, null, cancellationToken)).Outcome != WaitingWriteOutcome.Changed)
                {
                    return DeskResult.Raced;
                }

                await RecordAsync(alert, actor, step.Actions, now, detail, cancellationToken);
                return step.Outcome == DeskOutcome.Wait ? DeskResult.Waiting(alert) : DeskResult.Ended(alert);

            case DeskOutcome.Publish:
                var releasing = entry.Record with { Alert = alert, Releasing = true, ReleasedBy = actor };
                if ((await waiting.WriteAsync(alert.Edition, alert.Id, entry.Revision, releasing, now + scheduler.Value.Lease, null, cancellationToken))
                    .Outcome != WaitingWriteOutcome.Changed)
                {
                    return DeskResult.Raced;
                }

                await RecordAsync(alert, actor, step.Actions.Where(a => a != DeskAction.Published).ToList(), now, detail, cancellationToken);
                return await CompleteReleaseAsync(new WaitingEntry(releasing, entry.Revision + 1), cancellationToken);

            default:
                throw new ArgumentException($"A {step.Outcome} step changes nothing.", nameof(step));
        }
    }

    /// <summary>
    /// Appends a releasing alert to the log and takes it off the desk. Expecting revision 0 in the log makes the
    /// append exactly-once: if a node that crashed mid-way already appended it, this one only finishes the removal.
    /// </summary>
    public async Task<DeskResult> CompleteReleaseAsync(WaitingEntry entry, CancellationToken cancellationToken)
    {
        var alert = entry.Record.Alert;
        var actor = entry.Record.ReleasedBy ?? alert.ApprovedBy ?? alert.Author;
        var alertEvent = new AlertEvent { Type = AlertEventType.Published, Edition = alert.Edition, At = alert.PublishedAt, Alert = alert, Actor = actor };
        var appended = await log.AppendAsync(alertEvent, 0, null, cancellationToken);
        await waiting.WriteAsync(alert.Edition, alert.Id, entry.Revision, null, null, null, cancellationToken);
        if (appended.Outcome != AppendOutcome.Appended)
        {
            return DeskResult.AlreadyPublished;
        }

        await RecordAsync(alert, actor, [DeskAction.Published], alert.PublishedAt, $"seq {appended.Event.Seq}", cancellationToken);
        return DeskResult.Published(alert, appended.Event);
    }

    /// <summary>Records actions on an alert, in order, in its history and in the audit log.</summary>
    public async Task RecordAsync(Alert alert, string actor, IReadOnlyList<DeskAction> actions, DateTimeOffset at, string? detail, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            await audit.RecordAsync(new AuditEntry
            {
                At = at,
                Actor = actor,
                Action = action,
                Edition = alert.Edition,
                AlertId = alert.Id,
                Detail = DetailOf(action, alert, detail),
            }, cancellationToken);
        }
    }

    private static string? DetailOf(DeskAction action, Alert alert, string? detail) => action switch
    {
        DeskAction.Scheduled => $"publishAt {alert.PublishAt!.Value.UtcDateTime.ToString(UtcTimestampConverter.Format, CultureInfo.InvariantCulture)}",
        _ => detail,
    };
}
