using System.Diagnostics;
using System.Net;
using Alerts.Core.Alerts;
using Alerts.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alerts.Server.Tests.Scale;

/// <summary>
/// A primary failing over under Sentinel while editors post 20 alerts a second and tickers read, with
/// <c>WaitReplicas=1</c>: nothing acknowledged is lost, nothing is doubled, and retries with the same
/// key succeed, and every ticker ends with exactly the log's lines: a node still reading the deposed
/// (or restarted) primary may relay events the log then loses, and the epoch reset takes them back.
/// </summary>
[Collection(RedisSentinelCollection.Name)]
public sealed class RedisSentinelTests(RedisSentinelFixture sentinel, ITestOutputHelper output)
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    /// <summary>
    /// The promoted replica has no replica of its own until the deposed primary rejoins as one; the
    /// sentinels' reconfig script (deploy/sentinel) demotes it at the promotion instead of after
    /// Sentinel's own ten seconds, and the first READONLY moves the node's multiplexer (<c>RoleChangeWatch</c>).
    /// </summary>
    [Fact]
    public Task NothingAcknowledgedIsLostWhenTheSentinelsFailThePrimaryOver() =>
        PostThroughAsync("SENTINEL FAILOVER", sentinel.FailoverAsync);

    /// <summary>
    /// With the near-duplicate guard on, a post answered 503 after its alert was stored is retried with the same key
    /// and must get that alert (201, its own id), never a 409 near-duplicate of itself.
    /// </summary>
    [Fact]
    public Task NoRetryIsRefusedAsItsOwnDuplicateWhenTheSentinelsFailOverWithTheGuardOn() =>
        PostThroughAsync("SENTINEL FAILOVER, near-duplicate guard on", sentinel.FailoverAsync, perSecond: 10,
            more: new Dictionary<string, string?> { ["Alerts:Duplicates:Window"] = "00:30:00" });

    /// <summary>The killed primary is started again at once as a replica of the promoted one, as its supervisor must.</summary>
    [Fact]
    public Task NothingAcknowledgedIsLostWhenThePrimaryIsKilled() =>
        PostThroughAsync("SIGKILL of the primary", async () =>
        {
            var promoted = await sentinel.KillPrimaryAsync();
            await sentinel.RestartKilledAsync();
            return promoted;
        });

    /// <summary>
    /// A careless supervisor: the killed primary comes back from its own AOF as a primary, with writes
    /// no replica confirmed, and nodes may read it until the sentinels demote it; whatever they relay
    /// from it the log then loses, and the epoch reset must take it back off every ticker.
    /// </summary>
    [Fact]
    public Task NothingAcknowledgedIsLostWhenAKilledPrimaryComesBackAsAPrimary() =>
        PostThroughAsync("SIGKILL of the primary, restarted from its own AOF", async () =>
        {
            var promoted = await sentinel.KillPrimaryAsync();
            await sentinel.RestartKilledAsync(asReplica: false);
            return promoted;
        }, SentinelDemotesWithin);

    /// <summary>
    /// Without <c>WaitReplicas</c> a <c>201</c> means only that the primary has the alert. With replication
    /// cut, three alerts are acknowledged and shown on every ticker, then the primary is killed: the
    /// promoted replica never had them, and the next alerts reuse their seqs. The nodes move the edition
    /// to a new epoch, and every ticker, of every transport, drops the lost lines and shows the new ones.
    /// </summary>
    [Fact]
    public async Task WithoutWaitReplicasAFailoverLosesWhatWasNotReplicatedAndEveryTickerDropsIt()
    {
        await sentinel.EnsureHealthyAsync();
        await using var writer = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix);
        await using var reader = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix);
        var (tickers, followers) = await FollowAsync(writer, reader);
        try
        {
            var kept = await writer.Editor.PublishAsync("en", "Sentinel: replicated before the failover");
            List<AlertEvent> lost = [];
            try
            {
                await sentinel.CutReplicationAsync();
                for (var i = 1; i <= 3; i++)
                {
                    lost.Add(await writer.Editor.PublishAsync("en", $"Sentinel: acknowledged by the primary alone, number {i}"));
                }

                await RedisCli.WaitUntilAsync(
                    () => Task.FromResult(followers.All(f => lost.All(l => f.Lines().Any(line => line.Id == l.Alert.Id)))),
                    TimeSpan.FromSeconds(10), "every ticker shows the unreplicated alerts");
                await sentinel.KillPrimaryAsync();
            }
            finally
            {
                await sentinel.RestoreReplicationAsync();
            }

            // The promoted replica writes again once the killed primary is back as its replica (min-replicas-to-write 1).
            await sentinel.EnsureHealthyAsync();
            List<AlertEvent> after = [];
            for (var i = 1; i <= 3; i++)
            {
                after.Add(await writer.Editor.PublishAsync("en", $"Sentinel: published after the failover, number {i}"));
            }

            await using var verifier = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix);
            var logged = (await LogLines.ReadAsync(verifier.Public, "en")).Select(l => l.AlertId).ToList();
            Assert.Equal([kept.Alert.Id, .. after.Select(a => a.Alert.Id)], logged);
            Assert.Equal(lost.Select(l => l.Seq), after.Select(a => a.Seq));
            Assert.NotEqual(kept.Epoch, after[^1].Epoch);
            await LogLines.AssertFollowersShowTheLogAsync(verifier.Public, followers, "en");
        }
        finally
        {
            foreach (var ticker in tickers)
            {
                await ticker.DisposeAsync();
            }
        }
    }

    /// <summary>The target, from the moment the sentinels name the new primary.</summary>
    private static readonly TimeSpan FirstAcceptedWithin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sentinel demotes a primary that came back only after eight seconds and at its next ten-second look,
    /// then a full resync: measured 10.8 s, and once 38 s on an idle machine. What the test is about is
    /// that nothing acknowledged is lost meanwhile; the bound only says the switch ends.
    /// </summary>
    private static readonly TimeSpan SentinelDemotesWithin = TimeSpan.FromSeconds(60);

    private async Task PostThroughAsync(
        string failure, Func<Task<Stopwatch>> fail, TimeSpan? firstAcceptedWithin = null, int perSecond = 20, IDictionary<string, string?>? more = null)
    {
        await sentinel.EnsureHealthyAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:Redis:WaitReplicas"] = "1",
            ["Alerts:Redis:WaitTimeout"] = "00:00:00.500",
            ["Alerts:Redis:OperationTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        await using var writer = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix, settings: settings);
        await using var reader = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix, settings: settings);
        var (tickers, followers) = await FollowAsync(writer, reader);
        try
        {
            var poster = new SteadyPoster(writer.Editor, "en", perSecond);
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
                a.Status == HttpStatusCode.Created || (a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter)
                // 0: no answer (a broken connection or the client's timeout), retried with the same key.
                || a.Status == 0, $"A post was answered {(int)a.Status}."));
            Assert.Equal(poster.Started, poster.Accepted.Count);
            Assert.Equal(poster.Accepted.Count, poster.Accepted.Values.Distinct().Count());
            Assert.True(firstAccepted < (firstAcceptedWithin ?? FirstAcceptedWithin), $"The first 201 came {firstAccepted} after the promotion.");

            // Read by a node that asks the sentinels afresh: the reader may still be reading the deposed primary.
            await using var verifier = await AlertsNode.StartAsync(sentinel.ConnectionString, _prefix);
            var log = await LogLines.ReadAsync(verifier.Public, "en");
            var logged = log.Select(l => l.AlertId).ToList();
            Assert.Equal(logged.Count, logged.Distinct().Count());
            var missing = poster.Accepted.Values.Except(logged).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {poster.Accepted.Count} alerts answered 201 are not in the log.");
            Assert.Equal(log.Count, poster.Accepted.Count);
            await LogLines.AssertFollowersShowTheLogAsync(verifier.Public, followers, "en");
        }
        finally
        {
            foreach (var ticker in tickers)
            {
                await ticker.DisposeAsync();
            }
        }
    }

    /// <summary>A direct ticker on the writer, a direct and a negotiated one on the reader, each followed as ticker.js would.</summary>
    private static async Task<(List<TickerClient> Tickers, List<TickerFollower> Followers)> FollowAsync(AlertsNode writer, AlertsNode reader)
    {
        var tickers = new List<TickerClient>();
        var followers = new List<TickerFollower>();
        foreach (var (node, route) in new[] { (writer, HubRoute.Direct), (reader, HubRoute.Direct), (reader, HubRoute.Negotiated) })
        {
            var ticker = await TickerClient.ConnectAsync(node, automaticReconnect: true, route);
            tickers.Add(ticker);
            followers.Add(await TickerFollower.StartAsync(ticker, node.Public, "en"));
        }

        return (tickers, followers);
    }
}
