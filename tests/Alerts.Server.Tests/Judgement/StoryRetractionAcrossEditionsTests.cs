using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

/// <summary>A story retraction reaches only the editions the key may act on.</summary>
public sealed class StoryRetractionAcrossEditionsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AKeyLimitedToOneEditionRetractsOnlyThatEditionsVersions()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: DeskKeyring.Settings());
        using var boss = node.ClientAs(DeskKeyring.Boss);
        using var arabicChief = node.ClientAs(DeskKeyring.ArChief);
        var english = await boss.PublishAsync("en", "Dam bursts in eastern Libya", new { storyId = "derna" });
        var arabic = await boss.PublishAsync("ar", "انهيار سد في شرق ليبيا", new { storyId = "derna" });

        using var refused = await arabicChief.PostAsync($"/api/v1/alerts/{english.Alert.Id}/retract", Api.Json(new { reason = "Unconfirmed", story = true }));
        using var response = await arabicChief.PostAsync($"/api/v1/alerts/{arabic.Alert.Id}/retract", Api.Json(new { reason = "Unconfirmed", story = true }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var events = JsonDocument.Parse(text).RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal([arabic.Alert.Id], events.Select(e => e.GetProperty("alert").GetProperty("id").GetString()));
        var story = await boss.GetJsonAsync("/api/v1/stories/derna");
        Assert.Equal(["published", "retracted"], story.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
    }
}
