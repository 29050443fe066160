using System.Diagnostics;
using System.Net;
using Alerts.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alerts.Server.Tests.Scale;

/// <summary>
/// A primary failing over under Sentinel while editors post 20 alerts a second and tickers read, with
/// <c>WaitReplicas=1</c>: nothing acknowledged is lost, nothing is doubled, retries with the same key
/// succeed, and tickers end with exactly the log.
/// </summary>
[Collection(RedisSentinelCollection.Name)]
public sealed class RedisSentinelTests(RedisSentinelFixture sentinel, ITestOutputHelper output)
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    /// <summary>
    /// A switch the sentinels were asked for leaves the old primary a writable primary, with its
    /// connections open, until a sentinel's next look at it (every ten seconds) demotes it; StackExchange.Redis
    /// already knew the promoted replica, so it does not move on <c>+switch-master</c> and keeps writing
    /// to the old primary. WAIT refuses those writes (nothing is acknowledged that the new primary lacks);
    /// the first READONLY then moves the node at once (<c>RoleChangeWatch</c>).
    /// </summary>
    [Fact]
    public Task NothingAcknowledgedIsLostWhenTheSentinelsFailThePrimaryOver() =>
        PostThroughAsync("SENTINEL FAILOVER", sentinel.FailoverAsync, firstAcceptedWithin: TimeSpan.FromSeconds(15));

    [Fact]
    public Task NothingAcknowledgedIsLostWhenThePrimaryIsKilled() =>
        PostThroughAsync("SIGKILL of the primary", sentinel.KillPrimaryAsync, firstAcceptedWithin: TimeSpan.FromSeconds(5));

    private async Task PostThroughAsync(string failure, Func<Task<Stopwatch>> fail, TimeSpan firstAcceptedWithin)
    {
        await sentinel.EnsureHealthyAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:Redis:WaitReplicas"] = "1",
            ["Alerts:Redis:WaitTimeout"] = "00:00:00.500",
            ["Alerts:Redis:OperationTimeout"] = "00:00:02",
        };
        await using var writer = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix, settings: settings);
        await using var reader = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix, settings: settings);
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
            await RedisCli.WaitUntilAsync(() => Task.FromResult(poster.Accepted.Count >= 20), TimeSpan.FromSeconds(30), "the posts are under way");
            var promoted = await fail();
            var promotedAt = Stopwatch.GetTimestamp() - promoted.Elapsed.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
            var afterSwitch = poster.Accepted.Count;
            await RedisCli.WaitUntilAsync(() => Task.FromResult(poster.Accepted.Count >= afterSwitch + 40), TimeSpan.FromSeconds(60), "posts are accepted after the switch");
            await stop.CancelAsync();
            await posting;

            var firstAccepted = poster.FirstAcceptedAfter(promotedAt);
            output.WriteLine($"{failure}: {poster.Started} posts, refusals over {poster.RefusalSpan().TotalSeconds:0.0} s, "
                + $"first 201 {firstAccepted?.TotalSeconds:0.00} s after the sentinels announced the new primary");
            Assert.All(poster.Answers, a => Assert.True(
                a.Status == HttpStatusCode.Created || (a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter), $"A post was answered {(int)a.Status}."));
            Assert.Equal(poster.Started, poster.Accepted.Count);
            Assert.True(firstAccepted < firstAcceptedWithin, $"The first 201 came {firstAccepted} after the promotion.");

            var log = await LogLines.ReadAsync(reader.Public, "en");
            var logged = log.Select(l => l.AlertId).ToList();
            Assert.Equal(logged.Count, logged.Distinct().Count());
            var missing = poster.Accepted.Values.Except(logged).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {poster.Accepted.Count} alerts answered 201 are not in the log.");
            Assert.Equal(log.Count, poster.Accepted.Count);
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
}
