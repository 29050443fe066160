using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Sending;

public sealed class PushedHistoryTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> DevicesMode = new() { ["Alerts:Push:Mode"] = "devices" };
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ASentPushIsRecordedOnceInTheHistoryAfterThePublication()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(["alive", "dead"]);
        _fake.OnSend = s => s.Token == "dead" ? FcmFault.Unregistered : null;

        var published = await node.Editor.PublishAsync("en", "Bridge closed", new { push = true });

        var path = $"/api/v1/alerts/{published.Alert.Id}/history";
        await PushNodes.UntilAsync(async () => (await node.Editor.GetJsonAsync(path)).GetProperty("history").EnumerateArray()
            .Any(e => e.GetProperty("action").GetString() == "pushed"), "the pushed line");
        // Room for a second line, if a bug wrote one.
        await Task.Delay(500);

        var history = (await node.Editor.GetJsonAsync(path)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["published", "pushed"], history.Select(e => e.GetProperty("action").GetString()));
        var pushed = history[1];
        Assert.Equal("push", pushed.GetProperty("actor").GetString());
        Assert.Equal("1 sent, 1 failed", pushed.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnAlertPublishedWithoutPushHasNoPushedLine()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, DevicesMode);
        await node.RegisterManyAsync(["alive"]);

        var published = await node.Editor.PublishAsync("en", "Quiet update", new { push = false });
        await Task.Delay(500);

        var history = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/history")).GetProperty("history").EnumerateArray();
        Assert.Equal(["published"], history.Select(e => e.GetProperty("action").GetString()));
    }
}
