using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Validation;

namespace Alerts.Core.Tests.Validation;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly AlertRules _rules = new(
        new Taxonomy([new Edition("en", "English", "en", TextDirection.Ltr, "BREAKING")], ["politics", "economy"], ["europe"]),
        TimeSpan.FromHours(6));

    [Fact]
    public void PublishingFillsServerFieldsAndDefaults()
    {
        var alert = _rules.Publish(new AlertDraft { Edition = "en", Headline = "Vote passes", Sections = ["politics", "politics"] }, "01ID", "desk", Now, new ValidationErrors());

        Assert.NotNull(alert);
        Assert.Equal(Urgency.Breaking, alert.Urgency);
        Assert.Equal(["politics"], alert.Sections);
        Assert.Equal(Now.AddHours(6), alert.ExpiresAt);
        Assert.Equal((1, AlertStatus.Published, "desk"), (alert.Version, alert.Status, alert.Author));
        Assert.False(alert.Push);
    }

    [Fact]
    public void EveryBadFieldIsReportedAtOnce()
    {
        var errors = new ValidationErrors();

        var alert = _rules.Publish(new AlertDraft { Edition = "xx", Headline = "", Urgency = "loud", Regions = ["moon"] }, "01ID", "desk", Now, errors);

        Assert.Null(alert);
        Assert.Equal(["edition", "headline", "regions", "urgency"], errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void ACorrectionChangesOnlyWhatItNamesAndCanRemoveTheLink()
    {
        var published = _rules.Publish(new AlertDraft { Edition = "en", Headline = "Old", Url = "https://n.example/1", Push = true }, "01ID", "desk", Now, new ValidationErrors())!;

        var corrected = _rules.Correct(published, new AlertCorrection { UrlSent = true, Url = null }, Now.AddMinutes(1), new ValidationErrors());

        Assert.NotNull(corrected);
        Assert.Null(corrected.Url);
        Assert.Equal("Old", corrected.Headline);
        Assert.Equal((2, AlertStatus.Corrected), (corrected.Version, corrected.Status));
        Assert.False(corrected.Push);
        Assert.Equal(published.ExpiresAt, corrected.ExpiresAt);
    }

    [Fact]
    public void ARetractionNeedsAReasonAndKeepsTheVersion()
    {
        var published = _rules.Publish(new AlertDraft { Edition = "en", Headline = "Wrong" }, "01ID", "desk", Now, new ValidationErrors())!;
        var errors = new ValidationErrors();

        Assert.Null(AlertRules.Retract(published, "   ", Now, errors));
        var retracted = AlertRules.Retract(published, "Not confirmed", Now, new ValidationErrors());

        Assert.True(errors.Has("reason"));
        Assert.Equal((AlertStatus.Retracted, 1, "Not confirmed"), (retracted!.Status, retracted.Version, retracted.RetractionReason));
        Assert.False(retracted.IsOnTicker(Now));
    }
}
