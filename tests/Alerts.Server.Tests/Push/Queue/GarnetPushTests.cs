using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Queue;

/// <summary>The queue's scripts and the registry's commands on the embedded Garnet, the default store.</summary>
public sealed class GarnetPushTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alerts-garnet-push-" + Guid.NewGuid().ToString("N"));
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task DevicePushesCorrectionsAndRetractionsWorkOnGarnet()
    {
        var settings = _fake.Settings();
        settings["Alerts:Push:Mode"] = "devices";
        settings["Alerts:Push:PollInterval"] = "00:00:00.100";
        settings["Alerts:Push:BatchSize"] = "2";
        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir, settings);
        await node.RegisterAsync("phone-1");
        await node.RegisterManyAsync(["phone-2", "phone-3"]);

        var published = await node.Editor.PublishAsync("en", "On Garnet", new { push = true });
        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 3, "the push");
        using (var retracted = await node.Editor.PostAsync($"/api/v1/alerts/{published.Alert.Id}/retract", Api.Json(new { reason = "Test" })))
        {
            Assert.True(retracted.IsSuccessStatusCode);
        }

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 9, "the retraction");
        await PushNodes.UntilAsync(() => !_fake.TopicCalls.IsEmpty, "the topic mirror");
        await Task.Delay(300);
        Assert.Equal(["phone-1", "phone-2", "phone-3"], _fake.Accepted.Where(s => s.Type == "published").Select(s => s.Token).Order());
        Assert.Equal(["phone-1", "phone-1", "phone-2", "phone-2", "phone-3", "phone-3"], _fake.Accepted.Where(s => s.Type == "retracted").Select(s => s.Token).Order());
        var push = (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push");
        Assert.Equal((6, 0), (push.GetProperty("accepted").GetInt64(), push.GetProperty("pending").GetInt64()));
    }
}
