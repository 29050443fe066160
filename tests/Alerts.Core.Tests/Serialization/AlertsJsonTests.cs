using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;

namespace Alerts.Core.Tests.Serialization;

public sealed class AlertsJsonTests
{
    private static readonly Alert Sample = new()
    {
        Id = "01JDXAMPLE0000000000000000",
        Edition = "en",
        Headline = "Line",
        Author = "desk",
        PublishedAt = new DateTimeOffset(2026, 11, 25, 1, 2, 3, 456, TimeSpan.FromHours(2)),
        UpdatedAt = new DateTimeOffset(2026, 11, 25, 1, 2, 3, 456, TimeSpan.FromHours(2)),
        ExpiresAt = new DateTimeOffset(2026, 11, 25, 7, 2, 3, 456, TimeSpan.FromHours(2)),
    };

    [Fact]
    public void EventsSerialiseWithSeqFirstCamelCaseEnumsAndUtcTimes()
    {
        var json = JsonSerializer.Serialize(new AlertEvent { Type = AlertEventType.Published, Edition = "en", At = Sample.PublishedAt, Alert = Sample }, AlertsJson.Options);

        Assert.StartsWith("{\"seq\":0,\"type\":\"published\"", json);
        Assert.Contains("\"publishedAt\":\"2026-11-24T23:02:03.456Z\"", json);
        Assert.Contains("\"urgency\":\"breaking\"", json);
        Assert.DoesNotContain("\"url\"", json);
    }

    [Fact]
    public void AnAlertRoundTripsExactly()
    {
        var json = JsonSerializer.Serialize(Sample, AlertsJson.Options);

        var back = JsonSerializer.Deserialize<Alert>(json, AlertsJson.Options)!;

        Assert.Equal(Sample.PublishedAt, back.PublishedAt);
        Assert.Equal(json, JsonSerializer.Serialize(back, AlertsJson.Options));
    }

    [Fact]
    public void NumbersAreNotAcceptedForEnums()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AlertEvent>(
            """{"seq":1,"type":0,"edition":"en","at":"2026-11-25T00:00:00.000Z","alert":{}}""", AlertsJson.Options));
    }
}
