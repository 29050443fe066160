using Alerts.Server.Push;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.Queue;

public sealed class PushTakeoverTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Alerts:Push:Mode"] = "devices", ["Alerts:Push:BatchSize"] = "100", ["Alerts:Push:LeaseDuration"] = "00:00:04" };
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ANodeThatStopsFinishesItsPageAndHandsTheJobOverWithoutWaitingOutTheLease()
    {
        var prefix = RedisFixture.NewPrefix();
        var tokens = Enumerable.Range(0, 1000).Select(i => $"t-{i:D4}").ToList();
        var settings = new Dictionary<string, string?>(Settings) { ["Alerts:Push:LeaseDuration"] = "00:01:00", ["Alerts:Push:MessagesPerSecond"] = "250" };
        var nodeA = await PushNodes.StartAsync(redis, prefix, _fake, settings);
        try
        {
            await nodeA.RegisterManyAsync(tokens);
            _fake.SendLatency = TimeSpan.FromMilliseconds(20);
            var published = await nodeA.Editor.PublishAsync("en", "Rolling restart", new { push = true });
            await PushNodes.UntilAsync(() => _fake.AcceptedCount >= 250, "node A to be a quarter through");
            await using var nodeB = await PushNodes.StartAsync(redis, prefix, _fake, settings);

            // A graceful stop, as in a rolling restart (disposing without stopping is closer to a crash).
            await nodeA.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

            // Far sooner than the one-minute lease could run out.
            await PushNodes.UntilAsync(async () =>
                (await nodeB.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0,
                "node B to finish the job", TimeSpan.FromSeconds(30));
            Assert.Equal(tokens, _fake.AcceptedTokens().Order());
            Assert.True(_fake.Received.Count == _fake.Accepted.Count, "node A cut off sends in flight instead of letting them finish");
        }
        finally
        {
            await nodeA.DisposeAsync();
        }
    }

    [Fact]
    public async Task WhenTheNodeHoldingTheLeaseDiesMidJobAnotherFinishesItWithoutResendingAcceptedTargets()
    {
        var prefix = RedisFixture.NewPrefix();
        var tokens = Enumerable.Range(0, 1200).Select(i => $"t-{i:D4}").ToList();
        var nodeA = await PushNodes.StartAsync(redis, prefix, _fake, Settings);
        await using var nodeB = await PushNodes.StartAsync(redis, prefix, _fake, new Dictionary<string, string?>(Settings) { ["Alerts:Push:PollInterval"] = "00:00:05" });
        try
        {
            await nodeA.RegisterManyAsync(tokens);
            // Node A gets the job: B polls rarely, A every 100 ms. A's sends hang once 250 are accepted, mid-batch.
            _fake.OnSend = _ => _fake.Accepted.Count >= 250 ? FcmFault.Hung : null;

            var published = await nodeA.Editor.PublishAsync("en", "Takeover", new { push = true });
            // Sends in flight are received before they are accepted: only past 250 does "received > accepted" mean hung.
            await PushNodes.UntilAsync(() => _fake.AcceptedCount >= 250 && _fake.Received.Count > _fake.Accepted.Count, "node A's sends to hang");
            // A node notes each accepted send of its page in flight as FCM answers; one that dies before the
            // note reaches Redis leaves that target to be sent again, which is not what this test is about.
            var sentKey = nodeA.Services.GetRequiredService<PushKeys>().Sent($"en:{published.Seq}");
            var database = nodeA.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            await PushNodes.UntilAsync(async () => await database.SetLengthAsync(sentKey) == _fake.AcceptedCount - 200, "node A to note the accepted sends of its third page");
            await nodeA.DisposeAsync();
            _fake.OnSend = null;
            _fake.ReleaseHung();

            await PushNodes.UntilAsync(async () =>
                (await nodeB.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("pending").GetInt64() == 0,
                "node B to finish the job", TimeSpan.FromSeconds(40));

            var accepted = _fake.AcceptedTokens();
            Assert.Equal(tokens, accepted.Order());
            Assert.True(_fake.Received.Count > accepted.Count, "node A's hung sends were sent again by node B");
            var push = (await nodeB.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push");
            Assert.Equal((1200, 1200), (push.GetProperty("targets").GetInt64(), push.GetProperty("accepted").GetInt64()));
        }
        finally
        {
            await nodeA.DisposeAsync();
        }
    }
}
