using Alerts.Server.Outbox;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Server.Tests.Outbox;

/// <summary>
/// The outbox's guarantees as each outlet's receiver sees them: one suite, run against FCM, a webhook and Web Push
/// with their strict fakes. Every target gets every event exactly once across two nodes, also when the node working
/// a page is killed mid-page; a refusal is retried no sooner than the receiver's Retry-After; and the cursor survives
/// a restart, so what was published while no node ran goes out and nothing goes out twice.
/// </summary>
public abstract class OutletContractTests(RedisFixture redis) : IAsyncLifetime
{
    /// <summary>Targets per page, so a handful of targets spans several pages.</summary>
    protected const int PageSize = 10;

    protected RedisFixture Redis => redis;

    /// <summary>Each accepted delivery, as the receiver saw it: the alert and the target (a device, a subscription, the webhook).</summary>
    protected abstract IReadOnlyList<(string AlertId, string Target)> Accepted { get; }

    /// <summary>When each request the receiver answered arrived, accepted or not.</summary>
    protected abstract IReadOnlyList<DateTimeOffset> Answered { get; }

    /// <summary>Requests the receiver holds unanswered right now.</summary>
    protected abstract int Holding { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>A node whose outlet reaches this suite's receiver, with short polls and a 2-second lease.</summary>
    protected abstract Task<AlertsNode> StartNodeAsync(string prefix);

    /// <summary>Gives the outlet <paramref name="count"/> targets, or its one target for an outlet that is one receiver; returns their names.</summary>
    protected abstract Task<IReadOnlyList<string>> AddTargetsAsync(AlertsNode node, int count);

    /// <summary>The receiver refuses its next request with a Retry-After of <paramref name="wait"/>, then accepts again.</summary>
    protected abstract void RefuseNextWithRetryAfter(TimeSpan wait);

    /// <summary>
    /// The receiver holds every request that arrives once it accepted <paramref name="accepted"/>, until <see cref="Release"/>
    /// drops them unaccepted (their node was killed) and answers again.
    /// </summary>
    protected abstract void HoldOnceAccepted(int accepted);

    protected abstract void Release();

    [Fact]
    public async Task TwoNodesDeliverEveryEventToEveryTargetExactlyOnce()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var first = await StartNodeAsync(prefix);
        await using var second = await StartNodeAsync(prefix);
        var targets = await AddTargetsAsync(first, 2 * PageSize + 3);

        var alerts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            alerts.Add((await (i % 2 == 0 ? first : second).Editor.PublishAsync("en", $"Line {i}", new { push = true })).Alert.Id);
        }

        await PushNodes.UntilAsync(() => Accepted.Count >= alerts.Count * targets.Count, "every event at every target", TimeSpan.FromSeconds(40));
        await Task.Delay(500);
        Assert.Equal(
            alerts.SelectMany(a => targets.Select(t => (a, t))).Order(),
            Accepted.Order());
    }

    [Fact]
    public async Task ANodeKilledMidPageLosesItsLeaseAndAnotherFinishesWithoutSendingAnythingTwice()
    {
        var prefix = RedisFixture.NewPrefix();
        var killed = await StartNodeAsync(prefix);
        try
        {
            var targets = await AddTargetsAsync(killed, 3 * PageSize);
            var holdFrom = targets.Count > 1 ? PageSize + PageSize / 2 : 0;
            HoldOnceAccepted(holdFrom);
            var alert = (await killed.Editor.PublishAsync("en", "Killed mid-page", new { push = true })).Alert.Id;
            await PushNodes.UntilAsync(() => Accepted.Count >= holdFrom && Holding > 0, "the node to be held mid-page", TimeSpan.FromSeconds(30));
            await using var survivor = await StartNodeAsync(prefix);

            // Disposed without a graceful stop, the closest a test process comes to a crash: its lease is not handed over.
            // Its held requests are dropped only once the other node holds the lease and sends (held too): a disposed
            // node's loops may run on briefly, but never past its lease.
            var heldAtKill = Holding;
            await killed.DisposeAsync();
            await PushNodes.UntilAsync(() => Holding > heldAtKill, "the other node to take the lapsed lease over", TimeSpan.FromSeconds(30));
            Release();

            await PushNodes.UntilAsync(() => Accepted.Count(a => a.AlertId == alert) >= targets.Count, "the other node to finish", TimeSpan.FromSeconds(40));
            await Task.Delay(500);
            Assert.Equal(targets.Order(), Accepted.Where(a => a.AlertId == alert).Select(a => a.Target).Order());
        }
        finally
        {
            Release();
            await killed.DisposeAsync();
        }
    }

    [Fact]
    public async Task ARefusalIsRetriedNoSoonerThanTheReceiversRetryAfter()
    {
        await using var node = await StartNodeAsync(RedisFixture.NewPrefix());
        var targets = await AddTargetsAsync(node, 1);
        RefuseNextWithRetryAfter(TimeSpan.FromSeconds(1));

        var alert = (await node.Editor.PublishAsync("en", "Second time lucky", new { push = true })).Alert.Id;
        await PushNodes.UntilAsync(() => Accepted.Count > 0, "the delivery", TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        Assert.Equal([(alert, targets[0])], Accepted);
        var answered = Answered.Order().ToList();
        Assert.Equal(2, answered.Count);
        Assert.True(answered[1] - answered[0] >= TimeSpan.FromSeconds(0.9), $"retried after {answered[1] - answered[0]}");
    }

    [Fact]
    public async Task TheCursorSurvivesARestartAndWhatWasPublishedMeanwhileGoesOutOnce()
    {
        var prefix = RedisFixture.NewPrefix();
        IReadOnlyList<string> targets;
        string before;
        await using (var node = await StartNodeAsync(prefix))
        {
            targets = await AddTargetsAsync(node, 2);
            before = (await node.Editor.PublishAsync("en", "Before the restart", new { push = true })).Alert.Id;
            await PushNodes.UntilAsync(() => Accepted.Count >= targets.Count, "the first delivery");
            await node.StopAsync();
        }

        string meanwhile;
        await using (var publisher = await AlertsNode.StartAsync(Redis.ConnectionString, prefix, services: services => services.RemoveAll<IOutletSet>()))
        {
            meanwhile = (await publisher.Editor.PublishAsync("en", "While no outlet ran", new { push = true })).Alert.Id;
        }

        await using var restarted = await StartNodeAsync(prefix);
        await PushNodes.UntilAsync(() => Accepted.Count >= 2 * targets.Count, "the catch-up", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        Assert.Equal(new[] { before, meanwhile }.SelectMany(a => targets.Select(t => (a, t))).Order(), Accepted.Order());
    }
}
