using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Validation;

namespace Alerts.Core.Tests.Desk;

public sealed class WaitingLifeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(6);
    private static readonly KeyGrant Chief = new("chief", DeskRole.Chief, null);
    private static readonly KeyGrant Editor = new("desk", DeskRole.Editor, null);

    private readonly WaitingLife _life = new(new ApprovalRule(ApprovalMode.Editors, ApprovalScope.Push), TimeSpan.FromMinutes(15), Ttl);

    private static Alert Validated(bool push = true) => new()
    {
        Id = "01ID", Edition = "en", Headline = "Verdict", Push = push, Author = "desk", PublishedAt = Now, UpdatedAt = Now, ExpiresAt = Now + Ttl,
    };

    [Fact]
    public void AnAlertNeedingNoApprovalAndNoTimeIsPublishedAtOnce() =>
        Assert.Equal(DeskOutcome.Publish, _life.Submit(Validated(push: false), DeskRole.Editor, null, Now).Outcome);

    [Fact]
    public void AnEditorsPushWaitsForApprovalAndExpiresAtTheTimeout()
    {
        var step = _life.Submit(Validated(), DeskRole.Editor, null, Now);

        Assert.Equal((DeskOutcome.Wait, AlertStatus.Pending, "desk"), (step.Outcome, step.Alert!.Status, step.Alert.SubmittedBy));
        Assert.Equal(Now.AddMinutes(15), _life.DueAt(step.Alert, Now));
        Assert.Equal(AlertStatus.Expired, _life.ComeDue(step.Alert, Now.AddMinutes(15)).Alert!.Status);
    }

    [Fact]
    public void ApprovingAScheduledPendingAlertSchedulesItAndPublishingKeepsTheEmbargoTicketTime()
    {
        var publishAt = Now.AddHours(2);
        var pending = _life.Submit(Validated(), DeskRole.Editor, publishAt, Now).Alert!;
        Assert.Equal(publishAt, _life.DueAt(pending, Now));

        var approved = _life.Approve(pending, Chief, Now.AddMinutes(1));
        Assert.Equal([DeskAction.Approved, DeskAction.Scheduled], approved.Actions);
        Assert.Equal(("chief", AlertStatus.Scheduled), (approved.Alert!.ApprovedBy, approved.Alert.Status));

        var late = publishAt.AddMinutes(3);
        var published = _life.ComeDue(approved.Alert, late);
        Assert.Equal((DeskOutcome.Publish, AlertStatus.Published, late, publishAt + Ttl),
            (published.Outcome, published.Alert!.Status, published.Alert.PublishedAt, published.Alert.ExpiresAt));
    }

    [Fact]
    public void AScheduledAlertDueAfterItsTickerTimeExpiresInsteadOfGoingOut()
    {
        var scheduled = _life.Submit(Validated(push: false), DeskRole.Editor, Now.AddMinutes(5), Now).Alert!;

        var step = _life.ComeDue(scheduled, Now.AddMinutes(5) + Ttl);

        Assert.Equal((DeskOutcome.End, AlertStatus.Expired), (step.Outcome, step.Alert!.Status));
    }

    [Fact]
    public void NobodyApprovesTheirOwnAlertAndAHandledAlertIsAConflict()
    {
        var pending = _life.Submit(Validated() with { Author = "chief" }, DeskRole.Editor, null, Now).Alert!;

        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, Chief, Now).Outcome);
        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, Editor with { Name = "other" }, Now).Outcome);
        var rejected = WaitingLife.Reject(pending, new KeyGrant("second", DeskRole.Admin, null), Now).Alert!;
        Assert.Equal(DeskOutcome.Conflict, _life.Approve(rejected, new KeyGrant("third", DeskRole.Chief, null), Now).Outcome);
        Assert.Equal(DeskOutcome.Conflict, WaitingLife.Cancel(rejected, Now).Outcome);
    }

    [Fact]
    public void NobodyWhoEditedAPendingAlertApprovesIt()
    {
        var pending = _life.Submit(Validated() with { Author = "writer" }, DeskRole.Editor, null, Now).Alert!;

        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, Chief, Now, new Authors("writer", [], "writer", ["editor-one", Chief.Who])).Outcome);
        Assert.Equal(DeskOutcome.Publish, _life.Approve(pending, Chief, Now, new Authors("writer", [], "writer", ["editor-one"])).Outcome);
    }

    [Fact]
    public void TheTwoPersonRuleComparesPeopleNotTheNamesTheyGoBy()
    {
        var pending = _life.Submit(Validated() with { Author = "Sam Reporter" }, DeskRole.Editor, null, Now).Alert!;
        var authors = new Authors("Sam Reporter", ["Kim Editor"], "person:sam", ["person:kim"]);

        // Sam renamed at the identity provider is still Sam; another Sam is someone else.
        var renamedSam = new KeyGrant("Samuel Reporter", DeskRole.Chief, null) { Who = "person:sam" };
        var otherSam = new KeyGrant("Sam Reporter", DeskRole.Chief, null) { Who = "person:sam-2" };
        var renamedKim = new KeyGrant("Kimberly Editor", DeskRole.Chief, null) { Who = "person:kim" };
        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, renamedSam, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.Refused, WaitingLife.Reject(pending, renamedSam, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, renamedKim, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.Publish, _life.Approve(pending, otherSam, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.End, WaitingLife.Reject(pending, otherSam, Now, authors).Outcome);
    }

    [Fact]
    public void ARecordStoredBeforePeopleWereKeptIsJudgedByNames()
    {
        var pending = _life.Submit(Validated() with { Author = "writer" }, DeskRole.Editor, null, Now).Alert!;
        var authors = new Authors("writer", ["editor-one", Chief.Name], null, []);

        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, Chief, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.Refused, _life.Approve(pending, new KeyGrant("writer", DeskRole.Chief, null) { Who = "person:w" }, Now, authors).Outcome);
        Assert.Equal(DeskOutcome.Publish, _life.Approve(pending, Chief with { Name = "someone" }, Now, authors).Outcome);
    }

    [Fact]
    public void AddingPushToAnApprovedScheduledAlertSendsItBackForApproval()
    {
        var scheduled = _life.Submit(Validated(push: false), DeskRole.Editor, Now.AddHours(1), Now).Alert! with { ApprovedBy = "chief" };

        var step = _life.Edit(scheduled, scheduled with { Push = true }, DeskRole.Editor, scheduled.PublishAt, Now);

        Assert.Equal((AlertStatus.Pending, (string?)null), (step.Alert!.Status, step.Alert.ApprovedBy));
    }

    [Fact]
    public void AChiefsEditOfAPendingAlertIsNoApproval()
    {
        var pending = _life.Submit(Validated(), DeskRole.Editor, null, Now).Alert!;

        var step = _life.Edit(pending, pending with { Headline = "Verdict: guilty" }, DeskRole.Chief, null, Now);

        Assert.Equal((DeskOutcome.Wait, AlertStatus.Pending), (step.Outcome, step.Alert!.Status));
    }

    [Theory]
    [InlineData("2026-12-01T10:30:00Z", true)]
    [InlineData("2026-12-01T12:30:00+02:00", true)]
    [InlineData("2026-12-01T10:30:00", false)]
    [InlineData("2026-12-01T09:59:00Z", false)]
    [InlineData("2027-01-01T10:00:00Z", false)]
    [InlineData("tomorrow", false)]
    public void PublishAtNeedsAnOffsetAFutureTimeAndAtMostThirtyDays(string raw, bool valid)
    {
        var errors = new ValidationErrors();

        var parsed = WaitingLife.ParsePublishAt(raw, Now, errors);

        Assert.Equal(valid, parsed is not null);
        Assert.Equal(valid, errors.IsEmpty);
    }
}
