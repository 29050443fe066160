using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Fanout;

/// <summary>Redis crashing, restarting and dropping subscribers: no accepted alert is lost, no ticker sees a hole.</summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task RedisRestartedMidBurstLosesNoAcceptedAlertAndLeavesNoGap()
    {
        await using var node = await AlertsNode.StartAsync(_redis.ConnectionString, "alerts");
        await using var ticker = await TickerClient.ConnectAsync(node, automaticReconnect: true);
        await ticker.SubscribeAsync("en", 0);

        var accepted = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = 0;
        var slowest = TimeSpan.Zero;
        async Task PostAsync(int i)
        {
            var started = Stopwatch.StartNew();
            using var response = await node.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = $"Burst line {i}" }));
            var elapsed = started.Elapsed;
            lock (accepted)
            {
                slowest = elapsed > slowest ? elapsed : slowest;
            }

            if (response.StatusCode == HttpStatusCode.Created)
            {
                accepted.Add((await Api.ReadEventAsync(response, HttpStatusCode.Created)).Alert.Id);
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Interlocked.Increment(ref refused);
            }
        }

        using var stopBurst = new CancellationTokenSource();
        var burst = Task.Run(async () =>
        {
            for (var i = 0; !stopBurst.IsCancellationRequested; i += 4)
            {
                await Task.WhenAll(Enumerable.Range(i, 4).Select(PostAsync));
                await Task.Delay(15);
            }
        });
        await WaitUntilAsync(() => accepted.Count >= 20);
        await _redis.KillAsync();
        // Longer than the 3-second operation timeout, so some posts must be refused rather than held.
        await Task.Delay(4000);
        await _redis.StartAgainAsync();
        var beforeRestart = accepted.Count;
        await WaitUntilAsync(() => accepted.Count >= beforeRestart + 20);
        await stopBurst.CancelAsync();
        await burst.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(refused > 0, "The burst never hit the outage; the test proved nothing.");
        Assert.True(slowest < TimeSpan.FromSeconds(5.5), $"A post took {slowest} to answer during the outage.");
        var log = await node.Public.LogSeqsAsync("en");
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log);
        foreach (var id in accepted)
        {
            using var stored = await node.Public.GetAsync($"/api/v1/alerts/{id}");
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        Assert.True(log.Count >= accepted.Count);
        await ticker.WaitForSeqAsync("en", log[^1], TimeSpan.FromSeconds(20));
        Assert.Equal(log, ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task KilledPubSubConnectionsAreBackfilledFromTheLog()
    {
        await using var node = await AlertsNode.StartAsync(_redis.ConnectionString, "alerts");
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", 0);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true");

        using var stop = new CancellationTokenSource();
        var killed = 0;
        var killer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                killed += (int)await admin.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
                await Task.Delay(10);
            }
        });
        for (var i = 0; i < 120; i += 4)
        {
            await Task.WhenAll(Enumerable.Range(i, 4).Select(n => node.Editor.PublishAsync("en", $"Line {n}")));
        }

        await stop.CancelAsync();
        await killer;

        Assert.True(killed > 0, "No subscriber connection was killed; the test proved nothing.");
        await ticker.WaitForSeqAsync("en", 120, TimeSpan.FromSeconds(15));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task APostWhileRedisIsDownIs503WithinFiveSecondsAndWorksAgainAfter()
    {
        await using var node = await AlertsNode.StartAsync(_redis.ConnectionString, "alerts");
        await node.Editor.PublishAsync("en", "Before the outage");
        await _redis.KillAsync();

        var started = Stopwatch.StartNew();
        using var refused = await node.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "During the outage" }));
        var elapsed = started.Elapsed;
        using var notReady = await node.Public.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"The 503 took {elapsed}.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        // The status only: Redis' exception text names its host, port, client name and library version.
        var readiness = await notReady.Content.ReadAsStringAsync();
        Assert.Equal("unavailable", JsonDocument.Parse(readiness).RootElement.GetProperty("redis").GetString());
        Assert.DoesNotContain(_redis.ConnectionString.Split(':')[^1], readiness);
        Assert.DoesNotContain("StackExchange", readiness);

        await _redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            using var retry = await node.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "After the outage" }));
            status = retry.StatusCode;
        }
        while (status != HttpStatusCode.Created && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal([1L, 2L], await node.Public.LogSeqsAsync("en"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the burst.");
            await Task.Delay(20);
        }
    }
}
