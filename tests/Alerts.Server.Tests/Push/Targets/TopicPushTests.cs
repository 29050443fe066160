using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Targets;

public sealed class TopicPushTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task AFlashAlertGoesOnceToEachConditionOfAtMostFiveTopicsEvenWithTwoNodes()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await PushNodes.StartAsync(redis, prefix, _fake);
        await using var nodeB = await PushNodes.StartAsync(redis, prefix, _fake);

        var published = await nodeA.Editor.PublishAsync("en", "Parliament dissolved", new
        {
            urgency = "flash", push = true, sections = new[] { "politics", "economy" }, regions = new[] { "europe", "africa", "asia" },
        });

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "two conditions");
        await Task.Delay(500);
        var conditions = _fake.Accepted.Select(s => s.Condition!).ToList();
        Assert.Equal(2, conditions.Count);
        Assert.Equal(
            new[] { "alerts-en", "alerts-en-flash", "alerts-en-region-europe", "alerts-en-region-africa", "alerts-en-region-asia", "alerts-en-section-politics", "alerts-en-section-economy" }.Order(),
            conditions.SelectMany(c => c.Split(" || ")).Select(t => t.Split('\'')[1]).Order());
        Assert.Equal([5, 2], conditions.Select(c => c.Split(" || ").Length).OrderDescending());
        Assert.All(_fake.Accepted, s => Assert.Equal(published.Alert.Id, s.AlertId));
    }

    [Fact]
    public async Task AFlashPushCarriesTheContractFieldsForAndroidAndApns()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);

        var published = await node.Editor.PublishAsync("ar", "عاجل: زلزال", new { urgency = "flash", push = true, url = "https://example.com/a" });

        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the push");
        var message = Assert.Single(_fake.Accepted).Message;
        var id = published.Alert.Id;
        Assert.Equal("عاجل", message.GetProperty("notification").GetProperty("title").GetString());
        Assert.Equal("عاجل: زلزال", message.GetProperty("notification").GetProperty("body").GetString());
        var data = message.GetProperty("data");
        Assert.Equal(
            new Dictionary<string, string> { ["alertId"] = id, ["seq"] = published.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), ["edition"] = "ar", ["urgency"] = "flash", ["type"] = "published", ["url"] = "https://example.com/a" },
            data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        var android = message.GetProperty("android");
        Assert.Equal("high", android.GetProperty("priority").GetString());
        Assert.Equal(id, android.GetProperty("collapse_key").GetString());
        Assert.InRange(Seconds(android.GetProperty("ttl").GetString()!), 6 * 3600 - 60, 6 * 3600);
        Assert.Equal(id, android.GetProperty("notification").GetProperty("tag").GetString());
        Assert.Equal("alerts-flash", android.GetProperty("notification").GetProperty("channel_id").GetString());
        Assert.Equal("default", android.GetProperty("notification").GetProperty("sound").GetString());
        var apns = message.GetProperty("apns");
        Assert.Equal("10", apns.GetProperty("headers").GetProperty("apns-priority").GetString());
        Assert.Equal(id, apns.GetProperty("headers").GetProperty("apns-collapse-id").GetString());
        Assert.Equal(published.Alert.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), apns.GetProperty("headers").GetProperty("apns-expiration").GetString());
        var aps = apns.GetProperty("payload").GetProperty("aps");
        Assert.Equal("ar", aps.GetProperty("thread-id").GetString());
        Assert.Equal("time-sensitive", aps.GetProperty("interruption-level").GetString());
        Assert.Equal("default", aps.GetProperty("sound").GetString());
        var webpush = message.GetProperty("webpush");
        Assert.Equal("high", webpush.GetProperty("headers").GetProperty("Urgency").GetString());
        Assert.InRange(Seconds(webpush.GetProperty("headers").GetProperty("TTL").GetString()!), 6 * 3600 - 60, 6 * 3600);
        Assert.Equal(id, webpush.GetProperty("notification").GetProperty("tag").GetString());
        Assert.Equal("https://example.com/a", webpush.GetProperty("fcm_options").GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("breaking", "high", "10")]
    [InlineData("update", "normal", "5")]
    public async Task NonFlashPushesAreSilentWithPriorityByUrgency(string urgency, string androidPriority, string apnsPriority)
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);

        await node.Editor.PublishAsync("en", "Rates unchanged", new { urgency, push = true });

        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the push");
        var message = Assert.Single(_fake.Accepted).Message;
        Assert.Equal(androidPriority, message.GetProperty("android").GetProperty("priority").GetString());
        Assert.Equal($"alerts-{urgency}", message.GetProperty("android").GetProperty("notification").GetProperty("channel_id").GetString());
        Assert.False(message.GetProperty("android").GetProperty("notification").TryGetProperty("sound", out _));
        Assert.Equal(apnsPriority, message.GetProperty("apns").GetProperty("headers").GetProperty("apns-priority").GetString());
        var aps = message.GetProperty("apns").GetProperty("payload").GetProperty("aps");
        Assert.False(aps.TryGetProperty("interruption-level", out _));
        Assert.False(aps.TryGetProperty("sound", out _));
        Assert.DoesNotContain(_fake.Accepted.Single().Condition!, "flash", StringComparison.Ordinal);
        Assert.Equal(androidPriority == "high" ? "high" : "normal", message.GetProperty("webpush").GetProperty("headers").GetProperty("Urgency").GetString());
        Assert.False(message.GetProperty("webpush").TryGetProperty("fcm_options", out _));
    }

    [Fact]
    public async Task AnAlertWithoutPushSendsNothing()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);

        var quiet = await node.Editor.PublishAsync("en", "Not for phones", new { push = false });
        var loud = await node.Editor.PublishAsync("en", "For phones", new { push = true });

        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the pushed alert");
        await Task.Delay(300);
        Assert.Equal([loud.Alert.Id], _fake.Received.Select(s => s.AlertId));
        Assert.NotEqual(quiet.Alert.Id, loud.Alert.Id);
    }

    [Fact]
    public async Task ACorrectionWithPushReusesTheTagAndARetractionReplacesTheNotificationThenFollowsDataOnly()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);
        var published = await node.Editor.PublishAsync("en", "Minister resigns", new { push = true });
        var id = published.Alert.Id;

        using (var corrected = await node.Editor.PatchJsonAsync($"/api/v1/alerts/{id}", new { headline = "Minister offers resignation", push = true }))
        {
            Assert.True(corrected.IsSuccessStatusCode);
        }

        using (var unpushed = await node.Editor.PatchJsonAsync($"/api/v1/alerts/{id}", new { headline = "Minister offers resignation, PM says" }))
        {
            Assert.True(unpushed.IsSuccessStatusCode);
        }

        // A retraction removes the content from the log: what was not pushed by then never is.
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "publish and correction pushes");
        using (var retracted = await node.Editor.PostAsync($"/api/v1/alerts/{id}/retract", Api.Json(new { reason = "Wrong" })))
        {
            Assert.True(retracted.IsSuccessStatusCode);
        }

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 4, "publish, correction and retraction pushes");
        await Task.Delay(300);
        var sends = _fake.Accepted.ToList();
        Assert.Equal(["published", "corrected", "retracted", "retracted"], sends.Select(s => s.Type));
        Assert.Equal("Minister offers resignation", sends[1].Message.GetProperty("notification").GetProperty("body").GetString());
        Assert.All(sends.Take(3), s => Assert.Equal(id, s.Message.GetProperty("android").GetProperty("notification").GetProperty("tag").GetString()));
        var notice = sends[2].Message;
        Assert.Equal("This alert was withdrawn.", notice.GetProperty("notification").GetProperty("body").GetString());
        Assert.Equal(id, notice.GetProperty("apns").GetProperty("headers").GetProperty("apns-collapse-id").GetString());
        Assert.Equal(id, notice.GetProperty("webpush").GetProperty("notification").GetProperty("tag").GetString());
        Assert.DoesNotContain("Minister", notice.GetRawText(), StringComparison.Ordinal);
        var withdrawal = sends[3].Message;
        Assert.False(withdrawal.TryGetProperty("notification", out _));
        Assert.Equal(id, withdrawal.GetProperty("android").GetProperty("collapse_key").GetString());
        Assert.Equal(1, withdrawal.GetProperty("apns").GetProperty("payload").GetProperty("aps").GetProperty("content-available").GetInt32());
        Assert.False(withdrawal.GetProperty("webpush").TryGetProperty("notification", out _));
        Assert.DoesNotContain("Minister", withdrawal.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetractingAnAlertThatWasNeverPushedSendsNothing()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);
        var quiet = await node.Editor.PublishAsync("en", "Never pushed", new { push = false });

        using (var retracted = await node.Editor.PostAsync($"/api/v1/alerts/{quiet.Alert.Id}/retract", Api.Json(new { reason = "Wrong" })))
        {
            Assert.True(retracted.IsSuccessStatusCode);
        }

        var loud = await node.Editor.PublishAsync("en", "Pushed", new { push = true });
        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the pushed alert");
        await Task.Delay(300);
        Assert.Equal([loud.Alert.Id], _fake.Received.Select(s => s.AlertId));
    }

    [Fact]
    public async Task TheDeliveryReportCountsWhatWasSent()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);
        _fake.OnSend = s => s.Attempt == 1 ? FcmFault.Unavailable : null;

        var published = await node.Editor.PublishAsync("en", "Counted", new { push = true });

        await PushNodes.UntilAsync(async () => (await Delivery(node, published.Alert.Id)).GetProperty("pending").GetInt64() == 0
            && (await Delivery(node, published.Alert.Id)).GetProperty("accepted").GetInt64() == 1, "the delivery to finish");
        var push = await Delivery(node, published.Alert.Id);
        Assert.True(push.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, push.GetProperty("targets").GetInt64());
        Assert.Equal(1, push.GetProperty("retried").GetInt64());
        Assert.Equal(0, push.GetProperty("failed").GetInt64());
        Assert.Equal(JsonValueKind.String, push.GetProperty("firstSentAt").ValueKind);
        using var anonymous = await node.Public.GetAsync($"/api/v1/alerts/{published.Alert.Id}/delivery");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonElement> Delivery(AlertsNode node, string id) =>
        (await node.Editor.GetJsonAsync($"/api/v1/alerts/{id}/delivery")).GetProperty("push");

    private static double Seconds(string duration) => double.Parse(duration.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
}
