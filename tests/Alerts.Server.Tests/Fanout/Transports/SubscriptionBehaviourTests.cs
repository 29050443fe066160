using Alerts.Core.Alerts;
using Alerts.Server.Fanout;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>
/// What every subscriber is promised, whatever carries it: run end to end against each official
/// client of each transport (<see cref="FeedTransport"/>), one subclass per client. The subscription
/// service is one for all transports; this suite checks that each transport keeps its promises too.
/// </summary>
public abstract class SubscriptionBehaviourTests(RedisFixture redis, FeedTransport transport) : IAsyncLifetime
{
    private readonly SentToRecorder _sentTo = new();
    private readonly string _prefix = RedisFixture.NewPrefix();

    protected AlertsNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await StartNodeAsync(null);

    public async Task DisposeAsync() => await Node.DisposeAsync();

    [Fact]
    public async Task LiveEventsArriveOnceEachInTheOrderTheyWerePublished()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("en");

        var published = new List<long>();
        for (var i = 1; i <= 20; i++)
        {
            published.Add((await Node.Editor.PublishAsync("en", $"Live line {i}")).Seq);
        }

        await client.WaitForAlertAsync("en", published[^1]);
        Assert.Equal(published, client.AlertSeqs("en"));
    }

    [Fact]
    public async Task ResumingFromASeqGetsTheHistoryAfterItThenLiveEventsWithNoGapAndNoDuplicate()
    {
        var earlier = await PublishAsync("en", 6, "Earlier line");
        await using var client = await ConnectAsync();

        await client.ResumeAsync("en", earlier[1].Seq, earlier[1].Epoch!);
        var live = await PublishAsync("en", 3, "Live line");

        await client.WaitForAlertAsync("en", live[^1].Seq);
        Assert.Equal(earlier.Skip(2).Concat(live).Select(e => e.Seq), client.AlertSeqs("en"));
        Assert.Empty(client.Resets("en"));
    }

    [Fact]
    public async Task AskingForMoreHistoryThanTheReplayBudgetGetsTheTickerInsteadThenLiveEvents()
    {
        // The smallest budget there is: it affords the ticker (50 lines) but not the 65 events.
        await using var node = await StartNodeAsync(new Dictionary<string, string?> { ["Alerts:Hub:ReplayEventsPerMinute"] = "60" });
        var earlier = await PublishAsync("en", 65, "Earlier line", node);
        await using var client = await ConnectAsync(node);

        await client.ResumeAsync("en", 0, earlier[0].Epoch!);
        await client.WaitForResetAsync("en");
        var live = await node.Editor.PublishAsync("en", "Live after the ticker");

        await client.WaitForAlertAsync("en", live.Seq);
        var reset = Assert.Single(client.Resets("en"));
        Assert.Equal(earlier[^1].Seq, reset.Seq);
        Assert.Equal(50, reset.AlertIds.Count);
        Assert.Equal([live.Seq], client.AlertSeqs("en"));
    }

    [Fact]
    public async Task AResumeFromAnotherEpochGetsTheTickerThenLiveEvents()
    {
        var earlier = await PublishAsync("en", 3, "Earlier line");
        await using var client = await ConnectAsync();

        await client.ResumeAsync("en", 2, "an-epoch-long-gone");
        await client.WaitForResetAsync("en");
        var live = await Node.Editor.PublishAsync("en", "Live after the ticker");

        await client.WaitForAlertAsync("en", live.Seq);
        var reset = Assert.Single(client.Resets("en"));
        Assert.Equal((earlier[^1].Seq, earlier[^1].Epoch), (reset.Seq, reset.Epoch));
        Assert.Equal(earlier.Select(e => e.Alert.Id).Order(), reset.AlertIds.Order());
        Assert.Equal([live.Seq], client.AlertSeqs("en"));
    }

    [Fact]
    public async Task WhenTheLogGoesBackTheSubscriberGetsTheTickerOfANewEpochThenItsEvents()
    {
        var earlier = await PublishAsync("en", 6, "Line before the failover");
        await using var client = await ConnectAsync();
        await client.ResumeAsync("en", 0, earlier[0].Epoch!);
        await client.WaitForAlertAsync("en", earlier[^1].Seq);

        // The state a lossy failover leaves: the last three events and their seqs are gone.
        await using (var redisConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var database = redisConnection.GetDatabase();
            await database.SortedSetRemoveRangeByScoreAsync($"{{{_prefix}:en}}:log", 4, 6);
            await database.StringSetAsync($"{{{_prefix}:en}}:seq", 3);
        }

        var reused = await Node.Editor.PublishAsync("en", "The first line after the failover");
        await client.WaitForResetAsync("en");
        var next = await Node.Editor.PublishAsync("en", "The second line after the failover");

        // Not WaitForAlertAsync: the old epoch's seqs reach past the reused ones, so they would satisfy it.
        await client.WaitUntilAsync(frames => frames.SkipWhile(f => !f.IsReset).Any(f => f.AlertIds.Contains(next.Alert.Id)), "the second alert after the failover");
        var reset = Assert.Single(client.Resets("en"));
        Assert.NotEqual(earlier[0].Epoch, reset.Epoch);
        Assert.Equal(earlier.Select(e => e.Seq), client.Frames.TakeWhile(f => !f.IsReset).Select(f => f.Seq));
        // The reused seq's alert is on the ticker, or (when the node's consistency check saw the log go back
        // before the append) the event after it; what is published after the reset is of the new epoch.
        var after = client.Frames.SkipWhile(f => !f.IsReset).Skip(1).ToList();
        Assert.True(reset.AlertIds.Contains(reused.Alert.Id) || after.Any(f => f.AlertIds.Contains(reused.Alert.Id)), "The first alert after the failover never arrived.");
        // The second is the last event, or already on the ticker when the reset was read after its append.
        Assert.Equal((next.Seq, reset.Epoch), after.Count > 0 ? (after[^1].Seq, after[^1].Epoch) : (reset.Seq, reset.Epoch));
        Assert.All(after, f => Assert.True(f.Seq > reset.Seq, $"Seq {f.Seq} arrived after a reset to {reset.Seq}."));
    }

    [Fact]
    public async Task AfterUnsubscribingTheNodeSendsTheEditionToNoOneWhileAnotherEditionStillArrives()
    {
        await using var client = await ConnectAsync();
        await client.SubscribeAsync("en");
        await client.SubscribeAsync("es");
        var before = await Node.Editor.PublishAsync("es", "Before unsubscribing");
        await client.WaitForAlertAsync("es", before.Seq);

        await client.UnsubscribeAsync("es");

        // A hub forgets the edition at once; a stream's end reaches the node a moment after the reader closes it.
        var deadline = DateTime.UtcNow + FeedClient.Timeout;
        AlertEvent afterwards;
        do
        {
            afterwards = await Node.Editor.PublishAsync("es", "After unsubscribing");
        }
        while (await _sentTo.SentToAsync(afterwards.Alert.Id) > 0 && DateTime.UtcNow < deadline);

        Assert.Equal(0, await _sentTo.SentToAsync(afterwards.Alert.Id));
        var marker = await Node.Editor.PublishAsync("en", "Still followed");
        await client.WaitForAlertAsync("en", marker.Seq);
        Assert.Equal([before.Seq], client.AlertSeqs("es"));
        Assert.Equal(1, await _sentTo.SentToAsync(marker.Alert.Id));
    }

    protected Task<FeedClient> ConnectAsync(AlertsNode? node = null) => FeedClient.ConnectAsync(transport, node ?? Node);

    protected async Task<List<AlertEvent>> PublishAsync(string edition, int count, string headline, AlertsNode? node = null)
    {
        var published = new List<AlertEvent>();
        for (var i = 1; i <= count; i++)
        {
            published.Add(await (node ?? Node).Editor.PublishAsync(edition, $"{headline} {i}"));
        }

        return published;
    }

    private Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings) =>
        AlertsNode.StartAsync(redis.ConnectionString, settings is null ? _prefix : RedisFixture.NewPrefix(), settings: settings,
            services: services => services.AddSingleton<IFanoutRecorder>(_sentTo));
}
