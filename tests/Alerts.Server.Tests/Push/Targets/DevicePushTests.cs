using System.Globalization;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Targets;

public sealed class DevicePushTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DevicesMode = new() { ["Alerts:Push:Mode"] = "devices", ["Alerts:Push:DeviceHourlyCap"] = "2" };
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task AnAlertReachesTheDevicesWhoseEditionSectionsRegionsAndMinUrgencyMatch()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterAsync("all");
        await node.RegisterAsync("politics", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("sports", extra: new { sections = new[] { "sports" } });
        await node.RegisterAsync("europe", extra: new { regions = new[] { "europe" } });
        await node.RegisterAsync("flash-only", extra: new { minUrgency = "flash" });
        await node.RegisterAsync("arabic", edition: "ar");

        await node.Editor.PublishAsync("en", "Vote tonight", new { push = true, sections = new[] { "politics" } });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "the breaking push");
        await node.Editor.PublishAsync("en", "Stadium evacuated", new { push = true, urgency = "flash", regions = new[] { "europe" } });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 5, "the flash push");
        await Task.Delay(300);

        var byType = _fake.Accepted.GroupBy(s => s.Message.GetProperty("data").GetProperty("urgency").GetString()).ToDictionary(g => g.Key!, g => g.Select(s => s.Token).Order().ToList());
        Assert.Equal(["all", "politics"], byType["breaking"]);
        Assert.Equal(["all", "europe", "flash-only"], byType["flash"]);
    }

    [Fact]
    public async Task QuietHoursHoldNonFlashPushesButNotFlash()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        var tokyo = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var quiet = new { from = tokyo.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), to = tokyo.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = "Asia/Tokyo" };
        var awake = new { from = tokyo.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture), to = tokyo.AddHours(3).ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = "Asia/Tokyo" };
        await node.RegisterAsync("sleeping", extra: new { quietHours = quiet });
        await node.RegisterAsync("awake", extra: new { quietHours = awake });

        var breaking = await node.Editor.PublishAsync("en", "Markets fall", new { push = true });
        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the breaking push");
        var flash = await node.Editor.PublishAsync("en", "Earthquake", new { push = true, urgency = "flash" });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 3, "the flash push");
        await Task.Delay(300);

        Assert.Equal(["awake"], _fake.Accepted.Where(s => s.AlertId == breaking.Alert.Id).Select(s => s.Token));
        Assert.Equal(["awake", "sleeping"], _fake.Accepted.Where(s => s.AlertId == flash.Alert.Id).Select(s => s.Token).Order());
        var delivery = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{breaking.Alert.Id}/delivery")).GetProperty("push");
        Assert.Equal(1, delivery.GetProperty("held").GetInt64());
        Assert.Equal(1, delivery.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task AHeldPushIsSentWhenTheQuietHoursEnd()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        var madrid = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"));
        var nextMinute = madrid.AddMinutes(1);
        await node.RegisterAsync("sleeping", extra: new
        {
            quietHours = new { from = madrid.AddHours(-2).ToString("HH:mm", CultureInfo.InvariantCulture), to = nextMinute.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = "Europe/Madrid" },
        });

        var published = await node.Editor.PublishAsync("en", "Morning news", new { push = true });

        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the held push", TimeSpan.FromSeconds(90));
        var wokeAt = DateTimeOffset.UtcNow;
        Assert.True(wokeAt >= new DateTimeOffset(nextMinute.Year, nextMinute.Month, nextMinute.Day, nextMinute.Hour, nextMinute.Minute, 0, nextMinute.Offset),
            $"sent at {wokeAt:O}, before the quiet hours ended");
        Assert.Equal(["sleeping"], _fake.AcceptedTokens());
        await PushNodes.UntilAsync(async () =>
            (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0,
            "the job to finish");
    }

    [Fact]
    public async Task ADeviceGetsAtMostItsHourlyCapOfNonFlashPushesButStillGetsFlash()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterAsync("reader");

        for (var i = 0; i < 3; i++)
        {
            await node.Editor.PublishAsync("en", $"Update {i}", new { push = true, urgency = "update" });
        }

        await node.Editor.PublishAsync("en", "Flash", new { push = true, urgency = "flash" });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 3, "the pushes");
        await Task.Delay(500);

        Assert.Equal(["flash", "update", "update"], _fake.Accepted.Select(s => s.Message.GetProperty("data").GetProperty("urgency").GetString()).Order());
    }

    [Fact]
    public async Task AnUnregisteredDeviceGetsNothing()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterAsync("leaving");
        await node.RegisterAsync("staying");

        using var deleted = await node.Public.DeleteAsync("/api/v1/devices/leaving").WaitAsync(TimeSpan.FromSeconds(10));
        await node.Editor.PublishAsync("en", "After the goodbye", new { push = true });

        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        await PushNodes.UntilAsync(() => !_fake.Accepted.IsEmpty, "the push");
        await Task.Delay(300);
        Assert.Equal(["staying"], _fake.AcceptedTokens());
    }

    [Fact]
    public async Task TopicChangesThatInstanceIdRefusedAreSentAgainLater()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        _fake.InstanceIdDown = true;

        await node.RegisterAsync("phone-1");
        await node.RegisterAsync("phone-2", extra: new { minUrgency = "flash" });
        await Task.Delay(700);
        Assert.Empty(_fake.TopicCalls);
        _fake.InstanceIdDown = false;

        await PushNodes.UntilAsync(() => _fake.TopicCalls.Count >= 2, "the mirror to catch up");
        Assert.Equal(
            [("alerts-en", "phone-1"), ("alerts-en-flash", "phone-2")],
            _fake.TopicCalls.SelectMany(c => c.Tokens.Select(t => (c.Topic, t))).Order());
    }

    [Fact]
    public async Task RegistrationsAreMirroredIntoTheContractTopics()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);

        await node.RegisterAsync("phone-1");
        await PushNodes.UntilAsync(() => !_fake.TopicCalls.IsEmpty, "the batchAdd");
        await node.RegisterAsync("phone-1", extra: new { sections = new[] { "health" } });
        await PushNodes.UntilAsync(() => _fake.TopicCalls.Count >= 3, "the move to the section topic");

        Assert.Equal(
            [("batchAdd", "alerts-en"), ("batchRemove", "alerts-en"), ("batchAdd", "alerts-en-section-health")],
            _fake.TopicCalls.Select(c => (c.Action, c.Topic)));
        Assert.All(_fake.TopicCalls, c => Assert.Equal(["phone-1"], c.Tokens));
    }
}
