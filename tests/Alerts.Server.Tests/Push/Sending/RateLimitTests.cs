using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Sending;

public sealed class RateLimitTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task TwoNodesSendingAtOnceStayTogetherWithinTheRateLimit()
    {
        var prefix = RedisFixture.NewPrefix();
        var settings = new Dictionary<string, string?> { ["Alerts:Push:Mode"] = "devices", ["Alerts:Push:MessagesPerSecond"] = "200", ["Alerts:Push:JobsPerNode"] = "1" };
        await using var nodeA = await PushNodes.StartAsync(redis, prefix, _fake, settings);
        await using var nodeB = await PushNodes.StartAsync(redis, prefix, _fake, settings);
        await nodeA.RegisterManyAsync(Enumerable.Range(0, 600).Select(i => $"phone-{i:D3}"));

        await nodeA.Editor.PublishAsync("en", "First", new { push = true, urgency = "flash" });
        // One job per node: once a node is busy with the first alert, the second can only go to the other node.
        await PushNodes.UntilAsync(() => _fake.AcceptedCount >= 50, "the first alert's sends to start");
        await nodeB.Editor.PublishAsync("en", "Second", new { push = true, urgency = "flash" });

        await PushNodes.UntilAsync(() => _fake.AcceptedCount >= 1200, "both alerts to every phone", TimeSpan.FromSeconds(60));
        var perSecond = _fake.AcceptedPerSecond.OrderBy(p => p.Key).ToList();
        // Arrival jitter can move a few sends into the next calendar second; a per-node limit would allow 400.
        Assert.All(perSecond, p => Assert.True(p.Value <= 240, $"{p.Value} sends in second {p.Key}"));
        Assert.True(perSecond[^1].Key - perSecond[0].Key >= 5, $"1,200 sends at 200/s took only {perSecond[^1].Key - perSecond[0].Key + 1} calendar seconds");
    }
}
