using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Core.Validation;

namespace Alerts.Core.Desk;

/// <summary>
/// The alert's life before publication as a pure state machine: submitted → pending (awaits a second
/// person) → scheduled (awaits <c>publishAt</c>) → published, or ended as rejected, cancelled or expired.
/// Every method returns a <see cref="DeskStep"/>; storing it, and publishing exactly once, is the server's job.
/// </summary>
public sealed class WaitingLife(ApprovalRule approval, TimeSpan approvalTimeout, TimeSpan tickerTtl)
{
    /// <summary>How far ahead an alert may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(30);

    /// <summary>The actor the server records when it acts on its own (a due publication, an expiry).</summary>
    public const string SchedulerActor = "scheduler";

    /// <summary>
    /// A new alert, already validated by <see cref="AlertRules.Publish"/>: published now, or kept
    /// waiting for approval or for <paramref name="publishAt"/>.
    /// </summary>
    public DeskStep Submit(Alert validated, DeskRole submitterRole, DateTimeOffset? publishAt, DateTimeOffset now)
    {
        var needsApproval = approval.IsNeeded(submitterRole, validated.Push);
        if (!needsApproval && publishAt is null)
        {
            return new DeskStep(DeskOutcome.Publish, validated, [DeskAction.Published]);
        }

        var waiting = validated with
        {
            PublishAt = publishAt,
            SubmittedBy = validated.Author,
            ExpiresAt = (publishAt ?? now) + tickerTtl,
        };
        return needsApproval
            ? new DeskStep(DeskOutcome.Wait, waiting with { Status = AlertStatus.Pending }, [DeskAction.Submitted])
            : new DeskStep(DeskOutcome.Wait, waiting with { Status = AlertStatus.Scheduled }, [DeskAction.Submitted, DeskAction.Scheduled]);
    }

    /// <summary>
    /// A waiting alert edited by <paramref name="editorRole"/>: it is judged again as if submitted now, so an
    /// edit can never slip past approval (an approved alert whose content changes waits for approval again,
    /// and a pending one stays pending whoever edits it).
    /// </summary>
    public DeskStep Edit(Alert waiting, Alert edited, DeskRole editorRole, DateTimeOffset? publishAt, DateTimeOffset now)
    {
        if (!IsWaiting(waiting))
        {
            return Conflict(waiting);
        }

        // A pending alert leaves pending only by an explicit approval, never as a side effect of someone's edit; an
        // approval covers the content that was approved, so a content change after it asks for approval again.
        var needsApproval = waiting.Status == AlertStatus.Pending || approval.IsNeeded(editorRole, edited.Push)
            || (waiting.ApprovedBy is not null && ChangesContent(waiting, edited));
        var kept = edited with
        {
            Status = waiting.Status,
            Version = waiting.Version,
            PublishAt = publishAt,
            ApprovedBy = needsApproval ? null : waiting.ApprovedBy,
            ExpiresAt = (publishAt ?? now) + tickerTtl,
            UpdatedAt = now,
        };
        if (needsApproval)
        {
            return new DeskStep(DeskOutcome.Wait, kept with { Status = AlertStatus.Pending }, [DeskAction.Edited]);
        }

        return publishAt is null
            ? new DeskStep(DeskOutcome.Publish, Release(kept, now), [DeskAction.Edited, DeskAction.Published])
            : new DeskStep(DeskOutcome.Wait, kept with { Status = AlertStatus.Scheduled }, [DeskAction.Edited, DeskAction.Scheduled]);
    }

    /// <summary>
    /// A chief or admin approves a pending alert: it goes out now, or waits for its <c>publishAt</c>. Nobody who
    /// wrote its content approves it: neither the submitter nor anyone who edited it while it waited
    /// (<paramref name="authors"/>; without it, the alert's <c>submittedBy</c> alone).
    /// </summary>
    public DeskStep Approve(Alert waiting, KeyGrant approver, DateTimeOffset now, Authors? authors = null)
    {
        if (!approver.IsApprover)
        {
            return DeskStep.Refuse("Only a chief or admin key may approve an alert.");
        }

        if (waiting.Status != AlertStatus.Pending)
        {
            return Conflict(waiting);
        }

        authors ??= SubmitterOf(waiting);
        if (authors.Submitted(approver))
        {
            return DeskStep.Refuse("A key never approves its own alert; a second person must.");
        }

        if (authors.Wrote(approver))
        {
            return DeskStep.Refuse("A key that edited the alert wrote part of it, and never approves it; a second person must.");
        }

        var approved = waiting with { ApprovedBy = approver.Name, UpdatedAt = now };
        return approved.PublishAt > now
            ? new DeskStep(DeskOutcome.Wait, approved with { Status = AlertStatus.Scheduled }, [DeskAction.Approved, DeskAction.Scheduled])
            : new DeskStep(DeskOutcome.Publish, Release(approved, now), [DeskAction.Approved, DeskAction.Published]);
    }

    /// <summary>A chief or admin rejects another key's pending alert.</summary>
    public static DeskStep Reject(Alert waiting, KeyGrant approver, DateTimeOffset now, Authors? authors = null)
    {
        if (!approver.IsApprover)
        {
            return DeskStep.Refuse("Only a chief or admin key may reject an alert.");
        }

        if (waiting.Status != AlertStatus.Pending)
        {
            return Conflict(waiting);
        }

        if ((authors ?? SubmitterOf(waiting)).Submitted(approver))
        {
            return DeskStep.Refuse("A key does not judge its own alert; cancel it instead.");
        }

        return new DeskStep(DeskOutcome.End, waiting with { Status = AlertStatus.Rejected, UpdatedAt = now }, [DeskAction.Rejected]);
    }

    /// <summary>Any key allowed on the edition withdraws a waiting alert.</summary>
    public static DeskStep Cancel(Alert waiting, DateTimeOffset now) =>
        IsWaiting(waiting)
            ? new DeskStep(DeskOutcome.End, waiting with { Status = AlertStatus.Cancelled, UpdatedAt = now }, [DeskAction.Cancelled])
            : Conflict(waiting);

    /// <summary>
    /// The alert's due time came (see <see cref="DueAt"/>): a pending alert expires; a scheduled one goes
    /// out, unless its ticker time passed while nobody could publish it.
    /// </summary>
    public DeskStep ComeDue(Alert waiting, DateTimeOffset now) => waiting.Status switch
    {
        AlertStatus.Pending => new DeskStep(DeskOutcome.End, waiting with { Status = AlertStatus.Expired, UpdatedAt = now }, [DeskAction.Expired]),
        AlertStatus.Scheduled when waiting.ExpiresAt <= now =>
            new DeskStep(DeskOutcome.End, waiting with { Status = AlertStatus.Expired, UpdatedAt = now }, [DeskAction.Expired]),
        AlertStatus.Scheduled => new DeskStep(DeskOutcome.Publish, Release(waiting, now), [DeskAction.Published]),
        _ => Conflict(waiting),
    };

    /// <summary>
    /// When the server must act on a waiting alert by itself: a scheduled alert at its <c>publishAt</c>; a pending
    /// one when approval times out, or at its <c>publishAt</c> if that is later, so an embargo prepared hours ahead
    /// can still be approved until it is due.
    /// </summary>
    public DateTimeOffset DueAt(Alert waiting, DateTimeOffset submittedAt) => waiting.Status == AlertStatus.Scheduled
        ? waiting.PublishAt!.Value
        : Max(submittedAt + approvalTimeout, waiting.PublishAt ?? DateTimeOffset.MinValue);

    /// <summary>Whether <paramref name="after"/> says or sends something <paramref name="before"/> did not: what an approval covers.</summary>
    public static bool ChangesContent(Alert before, Alert after) =>
        before.Headline != after.Headline || before.Url != after.Url || before.Image != after.Image || before.Urgency != after.Urgency
        || before.Push != after.Push || !before.Sections.SequenceEqual(after.Sections) || !before.Regions.SequenceEqual(after.Regions);

    public static bool IsWaiting(Alert alert) => alert.Status is AlertStatus.Pending or AlertStatus.Scheduled;

    /// <summary>
    /// Reads <c>publishAt</c>: an ISO-8601 time with an offset (or <c>Z</c>), in the future, at most
    /// <see cref="MaxScheduleAhead"/> away. Null when it was not sent or is invalid (then with an error).
    /// </summary>
    public static DateTimeOffset? ParsePublishAt(string? raw, DateTimeOffset now, ValidationErrors errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            || !HasOffset(raw))
        {
            errors.Add("publishAt", "must be an ISO-8601 time with a UTC offset or 'Z', e.g. 2026-12-01T18:00:00Z.");
            return null;
        }

        if (value <= now)
        {
            errors.Add("publishAt", "must be in the future; leave it out to publish now.");
            return null;
        }

        if (value > now + MaxScheduleAhead)
        {
            errors.Add("publishAt", $"may be at most {MaxScheduleAhead.TotalDays:0} days ahead.");
            return null;
        }

        return new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    // The ticker time of an embargoed alert runs from its publishAt, so one published late (every node was down) leaves on time.
    private Alert Release(Alert waiting, DateTimeOffset now) => waiting with
    {
        Status = AlertStatus.Published,
        PublishedAt = now,
        UpdatedAt = now,
        ExpiresAt = waiting.PublishAt is { } publishAt && publishAt + tickerTtl > now ? publishAt + tickerTtl : now + tickerTtl,
    };

    private static Authors SubmitterOf(Alert waiting) => new(waiting.SubmittedBy, [], null, []);

    private static DeskStep Conflict(Alert waiting) =>
        DeskStep.Conflict($"The alert is {waiting.Status.ToString().ToLowerInvariant()}; it no longer waits for that.");

    private static bool HasOffset(string raw) =>
        raw.EndsWith('Z') || raw.EndsWith('z') || (raw.Length > 6 && raw[^6] is '+' or '-' && raw[^3] == ':');

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
