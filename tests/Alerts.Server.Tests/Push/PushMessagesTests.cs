using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Push;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Push;

public sealed class PushMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AHeadlineThatWouldOverflowTheFourKilobytePayloadIsShortenedWithAnEllipsis()
    {
        var headline = string.Concat(Enumerable.Repeat("عاجل 🇵🇸 ", 35)).Trim();
        var message = Messages().For(Event(headline, "https://example.com/" + new string('a', 3300)), Now)!;

        Assert.True(FcmMessageWriter.PayloadBytes(message) <= 4096);
        Assert.EndsWith("…", message.Notification!.Body, StringComparison.Ordinal);
        Assert.StartsWith(message.Notification.Body![..^1], headline, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(message.Notification.Body[^2]), "the cut must not split a surrogate pair");
    }

    [Fact]
    public void AHeadlineThatFitsIsSentWhole()
    {
        var message = Messages().For(Event("Short headline", "https://example.com/a"), Now)!;

        Assert.Equal("Short headline", message.Notification!.Body);
    }

    [Fact]
    public void AnExpiredAlertHasNoMessage()
    {
        Assert.Null(Messages().For(Event("Old", null), Now.AddHours(7)));
    }

    private static PushMessages Messages() => new(
        new Taxonomy([new Edition("ar", "Arabic", "ar", TextDirection.Rtl, "عاجل")], [], []), Options.Create(new PushOptions()));

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
