using Alerts.Server.Hosting;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Sending;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.Queue;

/// <summary>Two nodes' leases of FCM's edition on one Redis: a lease is trusted only as long as Redis keeps it for that node.</summary>
public sealed class PushLeaseTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A node reads its clock, then is starved of CPU for five seconds before its hold script runs (seen
    /// under a loaded test run: two nodes sent the same page). The node counts that lease from the old
    /// reading, so by its own clock it has lapsed on arrival; it must not trust it, or it could still be
    /// sending when Redis gives the edition to another node.
    /// </summary>
    [Fact]
    public async Task ALeaseThatLapsedBeforeItsScriptRanIsNotTrustedByTheNodeThatTookIt()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new OutboxKeys(Options.Create(new RedisOptions { KeyPrefix = RedisFixture.NewPrefix() }));
        var starvedClock = new ShiftedTime { Offset = TimeSpan.FromSeconds(-5) };
        var starved = new OutboxCursors(connection, keys, new NodeIdentity()).Open(FcmOutlet.OutletName, "en");
        var other = new OutboxCursors(connection, keys, new NodeIdentity()).Open(FcmOutlet.OutletName, "en");

        var heldAt = starvedClock.GetUtcNow();
        starvedClock.Offset = TimeSpan.Zero;
        Assert.True(await starved.HoldAsync(Lease, CancellationToken.None));
        var otherHeldAt = TimeProvider.System.GetUtcNow();

        Assert.False(await other.HoldAsync(Lease, CancellationToken.None));
        Assert.False(new OutboxLease(starvedClock, Lease, heldAt).IsValid);
        Assert.True(new OutboxLease(TimeProvider.System, Lease, otherHeldAt).IsValid);
    }
}
