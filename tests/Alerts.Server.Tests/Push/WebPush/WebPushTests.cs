using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>Web Push end to end: a node, the strict fake push service, and subscriptions whose keys the test made.</summary>
public sealed class WebPushTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakePushService _service = null!;

    public async Task InitializeAsync() => _service = await FakePushService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ASubscribedBrowserGetsTheAlertEncryptedForItsKeysUnderAVapidKeyTheApiPublishes()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = _service.Subscribe();
        await node.SubscribeAsync(browser);

        var flash = await node.Editor.PublishAsync("en", "Earthquake shakes the capital", new { push = true, urgency = "flash", url = "https://news.example/quake" });
        await PushNodes.UntilAsync(() => !_service.Accepted.IsEmpty, "the pushed alert");

        var message = Assert.Single(_service.Accepted);
        Assert.Equal(flash.Alert.Id, message.Topic);
        Assert.Equal("high", message.Urgency);
        Assert.InRange(message.Ttl, 1, (long)Math.Ceiling((flash.Alert.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds) + 1);
        Assert.Equal(8030, message.Payload.GetProperty("web_push").GetInt32());
        Assert.Equal("Earthquake shakes the capital", message.Notification.GetProperty("body").GetString());
        Assert.Equal(flash.Alert.Id, message.Notification.GetProperty("tag").GetString());
        Assert.Equal("https://news.example/quake", message.Notification.GetProperty("navigate").GetString());
        Assert.Equal("ltr", message.Notification.GetProperty("dir").GetString());
        Assert.Equal("published", message.Type);

        var key = await node.Public.GetJsonAsync("/api/v1/push/web");
        Assert.Equal(message.VapidKey, key.GetProperty("publicKey").GetString());
        Assert.Equal("/push-sw.js", key.GetProperty("serviceWorker").GetString());
    }

    [Fact]
    public async Task EveryNodeSignsWithTheOneKeyKeptInRedis()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var first = await WebPushNodes.StartAsync(redis.ConnectionString, prefix, _service);
        await using var second = await WebPushNodes.StartAsync(redis.ConnectionString, prefix, _service);

        var keys = await Task.WhenAll(first.Public.GetJsonAsync("/api/v1/push/web"), second.Public.GetJsonAsync("/api/v1/push/web"));
        Assert.Equal(keys[0].GetProperty("publicKey").GetString(), keys[1].GetProperty("publicKey").GetString());
        Assert.Equal(87, keys[0].GetProperty("publicKey").GetString()!.Length);
    }

    [Fact]
    public async Task AnArabicAlertCarriesItsEditionsLanguageAndDirectionAndABreakingOneIsNormalUrgency()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = _service.Subscribe();
        await node.SubscribeAsync(browser, edition: "ar");

        await node.Editor.PublishAsync("ar", "انفجار في الميناء", new { push = true });
        await PushNodes.UntilAsync(() => !_service.Accepted.IsEmpty, "the pushed alert");

        var message = Assert.Single(_service.Accepted);
        Assert.Equal("rtl", message.Notification.GetProperty("dir").GetString());
        Assert.StartsWith("ar", message.Notification.GetProperty("lang").GetString());
        Assert.Equal("normal", message.Urgency);
    }

    [Fact]
    public async Task ACorrectionReplacesTheUndeliveredCopyAndARetractionReplacesItWithTheEditionsTextAndNoLink()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = _service.Subscribe();
        await node.SubscribeAsync(browser);

        var alert = await node.Editor.PublishAsync("en", "Minister resigns", new { push = true, url = "https://news.example/minister" });
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 1, "the first push");
        (await node.Editor.PatchJsonAsync($"/api/v1/alerts/{alert.Alert.Id}", new { headline = "Minister offers to resign", push = true })).EnsureSuccessStatusCode();
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 2, "the correction");
        Assert.Equal("Minister offers to resign", Assert.Single(_service.Stored(browser.Id)).Notification.GetProperty("body").GetString());

        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/retract", new { reason = "Not confirmed" })).EnsureSuccessStatusCode();
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 3, "the withdrawal");

        var stored = Assert.Single(_service.Stored(browser.Id));
        Assert.Equal("retracted", stored.Type);
        Assert.Equal(alert.Alert.Id, stored.Notification.GetProperty("tag").GetString());
        Assert.Equal("This alert was withdrawn.", stored.Notification.GetProperty("body").GetString());
        Assert.False(stored.Notification.TryGetProperty("navigate", out _));
        Assert.Equal("high", stored.Urgency);
        Assert.DoesNotContain("Minister", stored.Payload.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoneSubscriptionsArePrunedAndA429IsRetriedAfterItsRetryAfter()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var (unsubscribed, expired, busy) = (_service.Subscribe(), _service.Subscribe(), _service.Subscribe());
        foreach (var browser in new[] { unsubscribed, expired, busy })
        {
            await node.SubscribeAsync(browser);
        }

        _service.Answer(unsubscribed, (410, null));
        _service.Answer(expired, (404, null));
        _service.Answer(busy, (429, 1));

        var first = await node.Editor.PublishAsync("en", "Storm warning", new { push = true });
        await PushNodes.UntilAsync(() => _service.Accepted.Any(m => m.Subscription == busy.Id), "the retried send");
        var busyRequests = _service.Requests.Where(r => r.Subscription == busy.Id).ToList();
        Assert.Equal([429, 201], busyRequests.Select(r => r.Status));
        Assert.True(busyRequests[1].At - busyRequests[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {busyRequests[1].At - busyRequests[0].At}");

        await node.Editor.PublishAsync("en", "Storm passes", new { push = true });
        await PushNodes.UntilAsync(() => _service.Accepted.Count(m => m.Subscription == busy.Id) >= 2, "the second alert");
        await Task.Delay(300);
        Assert.Single(_service.Requests, r => r.Subscription == unsubscribed.Id);
        Assert.Single(_service.Requests, r => r.Subscription == expired.Id);

        var delivery = await node.Editor.GetJsonAsync($"/api/v1/alerts/{first.Alert.Id}/delivery");
        var webPush = Outlet(delivery, "webpush");
        Assert.Equal(1, webPush.GetProperty("sent").GetInt64());
        Assert.Equal(2, webPush.GetProperty("pruned").GetInt64());
    }

    [Fact]
    public async Task ATooLargeAnswerIsAFailureReportedOnceAndNotRetried()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = _service.Subscribe();
        await node.SubscribeAsync(browser);
        _service.Answer(browser, (413, null));

        var alert = await node.Editor.PublishAsync("en", "Long read", new { push = true });
        await PushNodes.UntilAsync(async () => Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery"), "webpush").TryGetProperty("failed", out var f) && f.GetInt64() == 1, "the failure in the report");
        await Task.Delay(500);
        Assert.Single(_service.Requests);
        Assert.Empty(_service.Accepted);
    }

    [Fact]
    public async Task TargetingAndQuietHoursApplyAsForPhones()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var (politics, sports, flashOnly, sleeping) = (_service.Subscribe(), _service.Subscribe(), _service.Subscribe(), _service.Subscribe());
        await node.SubscribeAsync(politics, extra: new { sections = new[] { "politics" } });
        await node.SubscribeAsync(sports, extra: new { sections = new[] { "sports" } });
        await node.SubscribeAsync(flashOnly, extra: new { minUrgency = "flash" });
        var tokyo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        await node.SubscribeAsync(sleeping, extra: new { quietHours = new { from = tokyo.AddHours(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), to = tokyo.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), timeZone = "Asia/Tokyo" } });

        await node.Editor.PublishAsync("en", "Vote tonight", new { push = true, sections = new[] { "politics" } });
        await PushNodes.UntilAsync(() => !_service.Accepted.IsEmpty, "the breaking push");
        await node.Editor.PublishAsync("en", "Stadium evacuated", new { push = true, urgency = "flash", sections = new[] { "sports" } });
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 4, "the flash push");
        await Task.Delay(300);

        var byType = _service.Accepted.GroupBy(m => m.Urgency).ToDictionary(g => g.Key!, g => g.Select(m => m.Subscription).Order().ToList());
        Assert.Equal([politics.Id], byType["normal"]);
        Assert.Equal(new[] { sports.Id, flashOnly.Id, sleeping.Id }.Order(), byType["high"]);
    }

    [Fact]
    public async Task ABrowserGetsAtMostItsHourlyCapOfNonFlashPushesButStillGetsFlash()
    {
        await using var node = await WebPushNodes.StartAsync(
            redis.ConnectionString, RedisFixture.NewPrefix(), _service, new Dictionary<string, string?> { ["Alerts:Push:DeviceHourlyCap"] = "1" });
        var browser = _service.Subscribe();
        await node.SubscribeAsync(browser);

        await node.Editor.PublishAsync("en", "First update", new { push = true, urgency = "update" });
        var capped = await node.Editor.PublishAsync("en", "Second update", new { push = true, urgency = "update" });
        await node.Editor.PublishAsync("en", "Flash after the cap", new { push = true, urgency = "flash" });
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 2, "the first update and the flash");
        await Task.Delay(500);

        Assert.Equal(["First update", "Flash after the cap"], _service.Accepted.Select(m => m.Notification.GetProperty("body").GetString()));
        Assert.Equal(1, Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{capped.Alert.Id}/delivery"), "webpush").GetProperty("notApplicable").GetInt64());
    }

    [Fact]
    public async Task AnUnregisteredBrowserGetsNothingMore()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var browser = _service.Subscribe();
        var id = await node.SubscribeAsync(browser);
        Assert.StartsWith("wp_", id);

        (await node.Public.DeleteAsync($"/api/v1/devices/{id}")).EnsureSuccessStatusCode();
        var alert = await node.Editor.PublishAsync("en", "After unsubscribing", new { push = true });
        await PushNodes.UntilAsync(async () => Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery"), "webpush").ValueKind == JsonValueKind.Object, "the outlet's report");
        Assert.Empty(_service.Requests);
    }

    internal static JsonElement Outlet(JsonElement delivery, string name) =>
        delivery.GetProperty("outlets").EnumerateArray().FirstOrDefault(o => o.GetProperty("outlet").GetString() == name);
}
