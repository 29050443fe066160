using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Queue;

/// <summary>Devices held for their quiet hours never delay a correction or retraction, and never get stale or withdrawn text.</summary>
public abstract class HeldDeviceTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DevicesMode = new() { ["Alerts:Push:Mode"] = "devices" };
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    protected abstract Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings);

    [Fact]
    public async Task ACorrectionIsNotHeldUpBySleepersWhoGetOnlyTheNewestTextWhenTheyWake()
    {
        await using var node = await StartNodeAsync(_fake, DevicesMode);
        await node.RegisterAsync("awake");
        await node.RegisterAsync("sleeping", extra: new { quietHours = QuietHoursFor.EndingNextMinute(out var wakesAt) });

        var published = await node.Editor.PublishAsync("en", "Minister resigns", new { push = true });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 1, "the push to the awake device");
        using (var corrected = await node.Editor.PatchJsonAsync($"/api/v1/alerts/{published.Alert.Id}", new { headline = "Minister offers resignation", push = true }))
        {
            Assert.True(corrected.IsSuccessStatusCode);
        }

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "the correction, while the sleeper is still held", TimeSpan.FromSeconds(10));
        Assert.True(DateTimeOffset.UtcNow < wakesAt, "the correction must not wait for the sleeper's quiet hours");
        using (var quietlyCorrected = await node.Editor.PatchJsonAsync($"/api/v1/alerts/{published.Alert.Id}", new { headline = "Minister offers resignation, PM says" }))
        {
            Assert.True(quietlyCorrected.IsSuccessStatusCode);
        }

        await PushNodes.UntilAsync(() => _fake.Accepted.Any(s => s.Token == "sleeping"), "the sleeper to wake", TimeSpan.FromSeconds(90));
        await PushNodes.UntilAsync(async () =>
            (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0,
            "every job of the alert to finish");

        Assert.Equal([("awake", "published"), ("awake", "corrected")], _fake.Accepted.Where(s => s.Token == "awake").Select(s => (s.Token!, s.Type!)));
        var woken = Assert.Single(_fake.Accepted, s => s.Token == "sleeping");
        Assert.Equal("corrected", woken.Type);
        Assert.Equal("Minister offers resignation, PM says", woken.Message.GetProperty("notification").GetProperty("body").GetString());
    }

    [Fact]
    public async Task SleepersWhoNeverSawARetractedAlertGetNothingAtAll()
    {
        await using var node = await StartNodeAsync(_fake, DevicesMode);
        await node.RegisterAsync("awake");
        await node.RegisterAsync("sleeping", extra: new { quietHours = QuietHoursFor.CoveringNow() });

        var published = await node.Editor.PublishAsync("en", "Minister resigns", new { push = true });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 1, "the push to the awake device");
        using (var retracted = await node.Editor.PostAsync($"/api/v1/alerts/{published.Alert.Id}/retract", Api.Json(new { reason = "Wrong" })))
        {
            Assert.True(retracted.IsSuccessStatusCode);
        }

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 3, "the withdrawal, without waiting for the sleeper", TimeSpan.FromSeconds(10));
        await PushNodes.UntilAsync(async () =>
            (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0,
            "the held job to be superseded and the retraction to finish");

        Assert.Equal(["published", "retracted", "retracted"], _fake.Accepted.Select(s => s.Type));
        Assert.All(_fake.Received, s => Assert.Equal("awake", s.Token));
    }
}

public sealed class HeldDeviceOnRedisTests(RedisFixture redis) : HeldDeviceTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings) =>
        PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), fake, settings);
}

public sealed class HeldDeviceOnGarnetTests : HeldDeviceTests
{
    protected override Task<AlertsNode> StartNodeAsync(FakeFcm fake, IDictionary<string, string?> settings) =>
        PushNodes.StartAsync(null, RedisFixture.NewPrefix(), fake, settings);
}
