using System.Collections.Concurrent;
using Alerts.Server.EventLog;
using Alerts.Server.Outbox;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Outbox;

/// <summary>The outbox's own guarantees, with an outlet that records what each node hands it.</summary>
public sealed class OutboxTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TwoNodesHandEachEventToTheOutletOnceInOrder()
    {
        var prefix = RedisFixture.NewPrefix();
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        await using var first = await StartAsync(prefix, new RecordingOutlet("first", delivered));
        await using var second = await StartAsync(prefix, new RecordingOutlet("second", delivered));

        for (var i = 0; i < 6; i++)
        {
            await (i % 2 == 0 ? first : second).Editor.PublishAsync("en", $"Line {i}");
        }

        await PushNodes.UntilAsync(() => delivered.Count >= 6, "six deliveries");
        await Task.Delay(500);
        Assert.Equal([1L, 2, 3, 4, 5, 6], delivered.Select(d => d.Seq));
        Assert.Single(delivered.Select(d => d.Node).Distinct());
    }

    [Fact]
    public async Task ANodeThatHangsMidItemLosesItsLeaseAndTheOtherNodeDeliversIt()
    {
        var prefix = RedisFixture.NewPrefix();
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        var hung = new TaskCompletionSource();
        var stuck = new RecordingOutlet("stuck", delivered, async item =>
        {
            await hung.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new OutletResult(OutletOutcome.Delivered);
        });
        await using var stuckNode = await StartAsync(prefix, stuck);
        await stuckNode.Editor.PublishAsync("en", "Held by a node that hangs");
        await Task.Delay(300);
        await using var healthy = await StartAsync(prefix, new RecordingOutlet("healthy", delivered));

        await PushNodes.UntilAsync(() => delivered.Any(d => d.Node == "healthy"), "the takeover", TimeSpan.FromSeconds(15));
        hung.SetResult();
        await Task.Delay(500);
        Assert.Equal([(Node: "healthy", Seq: 1L)], delivered.Select(d => (d.Node, d.Seq)).Where(d => d.Node == "healthy"));
        var cursor = await healthy.Services.GetRequiredService<OutboxCursors>().Open("test:recording", "en").ReadAsync(CancellationToken.None);
        Assert.Equal(1, cursor);
    }

    [Fact]
    public async Task AFailureIsRetriedAfterTheReceiversRetryAfterAndTheAttemptsAreLogged()
    {
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        var calls = new ConcurrentQueue<DateTimeOffset>();
        var outlet = new RecordingOutlet("node", delivered, item =>
        {
            calls.Enqueue(DateTimeOffset.UtcNow);
            return Task.FromResult(item.Attempt < 3
                ? new OutletResult(OutletOutcome.Failed, 503, "busy", RetryAfter: TimeSpan.FromSeconds(1))
                : new OutletResult(OutletOutcome.Delivered, 201));
        });
        await using var node = await StartAsync(RedisFixture.NewPrefix(), outlet);

        await node.Editor.PublishAsync("en", "Third time");
        await PushNodes.UntilAsync(() => !delivered.IsEmpty, "the delivery");
        var deliveries = node.Services.GetRequiredService<OutboxDeliveryLog>();
        // The outlet answers before the worker logs the answer.
        await PushNodes.UntilAsync(async () => (await deliveries.ReadAsync("test:recording", 10, CancellationToken.None)).Count >= 3, "the attempts to be logged");
        var times = calls.ToList();
        Assert.Equal(3, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(0.9) && times[2] - times[1] >= TimeSpan.FromSeconds(0.9), string.Join(", ", times));
        var log = await deliveries.ReadAsync("test:recording", 10, CancellationToken.None);
        Assert.Equal([AttemptOutcome.Delivered, AttemptOutcome.Failed, AttemptOutcome.Failed], log.Select(a => a.Outcome));
    }

    [Fact]
    public async Task TheCursorSurvivesARestartAndEventsPublishedMeanwhileGoOut()
    {
        var prefix = RedisFixture.NewPrefix();
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        await using (var before = await StartAsync(prefix, new RecordingOutlet("before", delivered)))
        {
            await before.Editor.PublishAsync("en", "Before the restart");
            await PushNodes.UntilAsync(() => delivered.Count >= 1, "the first delivery");
        }

        await using var publisher = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await publisher.Editor.PublishAsync("en", "While no outlet ran");
        await using var after = await StartAsync(prefix, new RecordingOutlet("after", delivered));
        await PushNodes.UntilAsync(() => delivered.Count >= 2, "the catch-up");
        await Task.Delay(300);
        Assert.Equal([("before", 1L), ("after", 2L)], delivered.Select(d => (d.Node, d.Seq)));
    }

    [Fact]
    public async Task AProgressSavedMidItemIsWhereTheNextAttemptResumes()
    {
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        var seen = new ConcurrentQueue<string?>();
        var outlet = new RecordingOutlet("node", delivered, async item =>
        {
            seen.Enqueue(item.Progress.Saved);
            if (item.Attempt == 1)
            {
                await item.Progress.SaveAsync("page-1", CancellationToken.None);
                return new OutletResult(OutletOutcome.Failed, 500);
            }

            return new OutletResult(OutletOutcome.Delivered);
        });
        await using var node = await StartAsync(RedisFixture.NewPrefix(), outlet);

        await node.Editor.PublishAsync("en", "Two pages");
        await PushNodes.UntilAsync(() => !delivered.IsEmpty, "the delivery");
        Assert.Equal([null, "page-1"], seen);
    }

    [Fact]
    public async Task AnIdleHolderDeliversAPublishedAlertAsSoonAsItsRelaySeesItNotAtItsNextLook()
    {
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        await using var node = await StartAsync(RedisFixture.NewPrefix(), new RecordingOutlet("node", delivered, policy: SlowLooks(TimeSpan.FromSeconds(30))));
        // Past the worker's first look: it is waiting, idle.
        await Task.Delay(TimeSpan.FromSeconds(1));

        await node.Editor.PublishAsync("en", "Wakes the outbox");

        await PushNodes.UntilAsync(() => !delivered.IsEmpty, "the delivery, well before the next look", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnEventWhoseSignalThisNodeMissedIsDeliveredByTheIdleCheck()
    {
        var delivered = new ConcurrentQueue<(string Node, long Seq, int Attempt)>();
        var outlet = new RecordingOutlet("deaf", delivered, policy: SlowLooks(TimeSpan.FromSeconds(2)));
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), services: services => services
            .AddSingleton<IOutletSet>(outlet)
            .AddSingleton<ILogAppendSignal, LostSignal>());
        await Task.Delay(TimeSpan.FromSeconds(1));

        await node.Editor.PublishAsync("en", "Never signalled");

        await PushNodes.UntilAsync(() => !delivered.IsEmpty, "the delivery by the idle check", TimeSpan.FromSeconds(10));
    }

    /// <summary>A policy whose only prompt wake-up is the relay's signal: polls and idle checks far apart, a lease that outlasts them.</summary>
    private static OutboxPolicy SlowLooks(TimeSpan idleCheck) =>
        RecordingOutlet.FastPolicy with { LeaseDuration = TimeSpan.FromMinutes(3), PollInterval = TimeSpan.FromSeconds(30), IdleCheckInterval = idleCheck };

    private Task<AlertsNode> StartAsync(string prefix, RecordingOutlet outlet) =>
        AlertsNode.StartAsync(redis.ConnectionString, prefix, services: services => services.AddSingleton<IOutletSet>(outlet));

    /// <summary>A relay whose appends never reach the outbox: the pub/sub message or the signal lost.</summary>
    private sealed class LostSignal : ILogAppendSignal
    {
        public void Appended(string edition)
        {
        }
    }
}
