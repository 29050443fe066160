using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>Quiet hours hold a browser's non-flash alerts as they hold a phone's: sent when they end, as the alert then stands.</summary>
public sealed class WebPushQuietHoursTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakePushService _service = null!;

    public async Task InitializeAsync() => _service = await FakePushService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ASleepingBrowserGetsTheAlertAsItStandsWhenItsQuietHoursEndAndNothingOfOneRetractedMeanwhile()
    {
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), _service);
        var (awake, sleeping) = (_service.Subscribe(), _service.Subscribe());
        await node.SubscribeAsync(awake);
        await node.SubscribeAsync(sleeping, extra: new { quietHours = await QuietHoursEndingSoonAsync() });
        var wakesAt = NextMinute(DateTimeOffset.UtcNow);

        var kept = await node.Editor.PublishAsync("en", "Minister resigns", new { push = true });
        var withdrawn = await node.Editor.PublishAsync("en", "Bridge closed", new { push = true });
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 2, "both alerts to the awake browser");
        var held = WebPushTests.Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{kept.Alert.Id}/delivery"), "webpush");
        Assert.Equal((1, 1), (held.GetProperty("sent").GetInt64(), held.GetProperty("notApplicable").GetInt64()));

        (await node.Editor.PatchJsonAsync($"/api/v1/alerts/{kept.Alert.Id}", new { headline = "Minister offers resignation, PM says", push = true })).EnsureSuccessStatusCode();
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{withdrawn.Alert.Id}/retract", new { reason = "Wrong bridge" })).EnsureSuccessStatusCode();
        await PushNodes.UntilAsync(() => _service.Accepted.Count >= 4, "the correction and the withdrawal to the awake browser");
        Assert.True(DateTimeOffset.UtcNow < wakesAt, "the correction and the withdrawal must not wait for the sleeper's quiet hours");
        Assert.DoesNotContain(_service.Requests, r => r.Subscription == sleeping.Id);

        await PushNodes.UntilAsync(() => _service.Accepted.Any(m => m.Subscription == sleeping.Id), "the sleeper to wake", TimeSpan.FromSeconds(90));
        await Task.Delay(1_000);

        var woken = Assert.Single(_service.Accepted, m => m.Subscription == sleeping.Id);
        Assert.True(woken.At >= wakesAt.AddSeconds(-1), $"sent at {woken.At:O}, before the quiet hours ended at {wakesAt:O}");
        Assert.Equal(kept.Alert.Id, woken.AlertId);
        Assert.Equal("corrected", woken.Type);
        Assert.Equal("Minister offers resignation, PM says", woken.Notification.GetProperty("body").GetString());
        var report = WebPushTests.Outlet(await node.Editor.GetJsonAsync($"/api/v1/alerts/{kept.Alert.Id}/delivery"), "webpush");
        Assert.Equal("corrected", report.GetProperty("event").GetString());
        Assert.Equal((1, 1), (report.GetProperty("sent").GetInt64(), report.GetProperty("replaced").GetInt64()));
    }

    /// <summary>Quiet hours ending at the next minute, with at least 20 seconds left for the alerts to go out before they end.</summary>
    private static async Task<object> QuietHoursEndingSoonAsync()
    {
        var left = NextMinute(DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow;
        if (left < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(200));
        }

        return QuietHoursFor.EndingNextMinute(out _);
    }

    private static DateTimeOffset NextMinute(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
}
