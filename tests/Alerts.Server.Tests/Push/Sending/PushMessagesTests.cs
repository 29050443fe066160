using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Alerts.Server.Push;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Push.Sending;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Push.Sending;

public sealed class PushMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALongUrlLeavesTheWebClickLinkOutRatherThanCutTheHeadline()
    {
        var url = "https://example.com/" + new string('a', 2028);
        var message = Messages().For(Event("عاجل: زلزال", url), Now)!.Single();

        Assert.True(FcmMessageWriter.PayloadBytes(message) <= 4096);
        Assert.Equal("عاجل: زلزال", message.Notification!.Body);
        Assert.Equal(url, message.Data!["url"]);
        Assert.Null(message.Webpush!.Link);
    }

    [Fact]
    public void AHeadlineThatWouldOverflowTheFourKilobytePayloadIsShortenedWithAnEllipsis()
    {
        // Longer than the 280 characters ingest allows, so that even with the longest URL the cut is exercised.
        var headline = string.Concat(Enumerable.Repeat("عاجل 🇵🇸 ", 120)).Trim();
        var message = Messages().For(Event(headline, "https://example.com/" + new string('a', 2028)), Now)!.Single();

        Assert.True(FcmMessageWriter.PayloadBytes(message) <= 4096);
        Assert.EndsWith("…", message.Notification!.Body, StringComparison.Ordinal);
        Assert.StartsWith(message.Notification.Body![..^1], headline, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(message.Notification.Body[^2]), "the cut must not split a surrogate pair");
    }

    [Fact]
    public void AHeadlineThatFitsIsSentWhole()
    {
        var message = Messages().For(Event("Short headline", "https://example.com/a"), Now)!.Single();

        Assert.Equal("Short headline", message.Notification!.Body);
    }

    [Fact]
    public void AnExpiredAlertHasNoMessage()
    {
        Assert.Null(Messages().For(Event("Old", null), Now.AddHours(7)));
    }

    [Fact]
    public void AnImageGoesToTheNotificationAndToApnsWithMutableContent()
    {
        var message = Messages().For(Event("With a picture", null) with { Alert = Event("With a picture", null).Alert with { Image = "https://cdn.example.com/a.jpg" } }, Now)!.Single();
        using var json = JsonDocument.Parse(FcmMessageWriter.WriteSendRequest(message));
        var sent = json.RootElement.GetProperty("message");

        Assert.Equal("https://cdn.example.com/a.jpg", sent.GetProperty("notification").GetProperty("image").GetString());
        Assert.Equal(1, sent.GetProperty("apns").GetProperty("payload").GetProperty("aps").GetProperty("mutable-content").GetInt32());
        Assert.Equal("https://cdn.example.com/a.jpg", sent.GetProperty("apns").GetProperty("fcm_options").GetProperty("image").GetString());
        Assert.Equal("01JDTEST", sent.GetProperty("fcm_options").GetProperty("analytics_label").GetString());
    }

    [Fact]
    public void ARetractionIsAVisibleReplacementThenADataOnlyMessageAndNeitherCarriesTheHeadline()
    {
        var retraction = Event("Secret headline", "https://example.com/secret") with { Type = AlertEventType.Retracted };

        var messages = Messages().For(retraction, Now)!;

        Assert.Equal(2, messages.Count);
        Assert.Equal("تم سحب هذا الخبر.", messages[0].Notification!.Body);
        Assert.Equal(("01JDTEST", "01JDTEST", "01JDTEST"), (messages[0].Android!.Notification!.Tag, messages[0].Apns!.Headers!["apns-collapse-id"], messages[0].Webpush!.Notification!.Tag));
        Assert.Null(messages[1].Notification);
        Assert.Equal("retracted", messages[1].Data!["type"]);
        Assert.All(messages, m => Assert.DoesNotContain("Secret", System.Text.Encoding.UTF8.GetString(FcmMessageWriter.WriteSendRequest(m)), StringComparison.Ordinal));
    }

    [Fact]
    public void AnEditionsRetractedTextReplacesTheDefault()
    {
        var alerts = new AlertsOptions();
        alerts.Editions["ar"] = new EditionOptions { Name = "Arabic", Language = "ar", BreakingLabel = "عاجل", RetractedText = "سُحب" };
        var messages = new PushMessages(Taxonomy(), Options.Create(new PushOptions()), Options.Create(alerts));

        Assert.Equal("سُحب", messages.For(Event("x", null) with { Type = AlertEventType.Retracted }, Now)![0].Notification!.Body);
    }

    private static Taxonomy Taxonomy() => new([new Edition("ar", "Arabic", "ar", TextDirection.Rtl, "عاجل")], [], []);

    private static PushMessages Messages() => new(
        Taxonomy(), Options.Create(new PushOptions()), Options.Create(new AlertsOptions()));

    private static AlertEvent Event(string headline, string? url) => new()
    {
        Seq = 7,
        Type = AlertEventType.Published,
        Edition = "ar",
        At = Now,
        Alert = new Alert
        {
            Id = "01JDTEST", Edition = "ar", Headline = headline, Url = url, Author = "desk", Push = true,
            PublishedAt = Now, UpdatedAt = Now, ExpiresAt = Now.AddHours(6),
        },
    };
}
