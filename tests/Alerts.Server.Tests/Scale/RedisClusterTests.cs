using System.Net;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.Fake;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Scale;

/// <summary>Alerts on a Redis Cluster of three primaries and three replicas: sharded fan-out, push, and a primary failing over mid-burst.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster)
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    [Fact]
    public async Task FanOutUsesAShardedChannelInTheEditionsSlot()
    {
        await using var node = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix);
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", 0);

        var published = await node.Editor.PublishAsync("en", "Sharded line");

        await ticker.WaitForSeqAsync("en", published.Seq);
        var channel = $"{{{_prefix}:en}}:events";
        var sharded = new List<int>();
        foreach (var port in cluster.Ports)
        {
            if ((await RedisCli.RunAsync(port, "PUBSUB", "SHARDCHANNELS", $"*{_prefix}*")).Contains(channel, StringComparison.Ordinal))
            {
                sharded.Add(port);
            }

            Assert.DoesNotContain(_prefix, await RedisCli.RunAsync(port, "PUBSUB", "CHANNELS", $"*{_prefix}*"), StringComparison.Ordinal);
        }

        var slot = (await RedisCli.RunAsync(cluster.Ports[0], "CLUSTER", "KEYSLOT", channel)).Trim();
        var owner = (await RedisCli.RunAsync(sharded.Single(), "CLUSTER", "COUNTKEYSINSLOT", slot)).Trim();
        Assert.NotEqual("0", owner);
    }

    [Fact]
    public async Task TickersMissNothingWhenAPrimaryFailsOverDuringABurst()
    {
        await using var writer = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix);
        await using var reader = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix);
        var tickers = new List<TickerClient>();
        foreach (var (node, route) in new[] { (writer, HubRoute.Direct), (reader, HubRoute.Direct), (reader, HubRoute.Negotiated) })
        {
            var ticker = await TickerClient.ConnectAsync(node, automaticReconnect: true, route);
            await ticker.SubscribeAsync("en", 0);
            tickers.Add(ticker);
        }

        try
        {
            var poster = new SteadyPoster(writer.Editor, "en", perSecond: 20);
            using var stop = new CancellationTokenSource();
            var posting = poster.RunAsync(stop.Token);
            await RedisCli.WaitUntilAsync(() => Task.FromResult(poster.Accepted.Count >= 20), TimeSpan.FromSeconds(30), "the burst is under way");
            await cluster.FailoverPrimaryOfAsync($"{{{_prefix}:en}}");
            var afterSwitch = poster.Accepted.Count;
            await RedisCli.WaitUntilAsync(() => Task.FromResult(poster.Accepted.Count >= afterSwitch + 20), TimeSpan.FromSeconds(30), "posts are accepted after the failover");
            await stop.CancelAsync();
            await posting;

            Assert.All(poster.Answers, a => Assert.True(a.Status is HttpStatusCode.Created || (a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter), $"Answer {a.Status}"));
            Assert.Equal(poster.Started, poster.Accepted.Count);
            var log = await LogLines.ReadAsync(writer.Public, "en");
            Assert.Equal(log.Count, log.Select(l => l.AlertId).Distinct().Count());
            Assert.Subset(log.Select(l => l.AlertId).ToHashSet(), poster.Accepted.Values.ToHashSet());
            await LogLines.AssertTickersShowTheLogAsync(log, tickers, "en");
        }
        finally
        {
            foreach (var ticker in tickers)
            {
                await ticker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DevicePushesAndTheSharedRateLimitWorkOnTheCluster()
    {
        await using var fake = await FakeFcm.StartAsync();
        var settings = fake.Settings();
        settings["Alerts:Push:Mode"] = "devices";
        settings["Alerts:Push:PollInterval"] = "00:00:00.100";
        settings["Alerts:Push:BatchSize"] = "2";
        settings["Alerts:Push:MessagesPerSecond"] = "50";
        await using var node = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix, settings: settings);
        await node.RegisterAsync("phone-1");
        await node.RegisterManyAsync(["phone-2", "phone-3"]);

        var published = await node.Editor.PublishAsync("en", "On the cluster", new { push = true });

        await PushNodes.UntilAsync(() => fake.Accepted.Count >= 3, "the push");
        Assert.Equal(["phone-1", "phone-2", "phone-3"], fake.Accepted.Where(s => s.Type == "published").Select(s => s.Token).Order());
        await PushNodes.UntilAsync(async () =>
            (await node.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("push").GetProperty("accepted").GetInt64() == 3,
            "the delivery report");
    }

    /// <summary>The due queue's notice is a sharded channel in the edition's slot, as its events are: a node that never looks still hears it.</summary>
    [Fact]
    public async Task AScheduledAlertIsToldToEveryNodeThroughItsEditionsShard()
    {
        var noIdleLooks = Settings(new Dictionary<string, string?> { ["Alerts:Scheduler:IdleCheckInterval"] = "00:05:00" });
        await using var watcher = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix, settings: noIdleLooks);
        string id;
        await using (var writer = await AlertsNode.StartAsync(cluster.ConnectionString, _prefix, settings: noIdleLooks))
        {
            using var boss = writer.ClientAs(Boss);
            id = await boss.SubmitWaitingAsync("en", "Scheduled on the cluster", new { publishAt = DeskApi.In(2) }, "scheduled");
            await writer.StopAsync();
        }

        await PushNodes.UntilAsync(async () =>
            (await watcher.Public.GetJsonAsync("/api/v1/editions/en/events?after=0")).GetProperty("events").EnumerateArray()
                .Any(e => e.GetProperty("alert").GetProperty("id").GetString() == id),
            "the scheduled alert");
    }
}
