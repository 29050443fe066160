using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Alerts.Server.Push;
using Alerts.Server.Push.Queue;
using Alerts.Server.Push.Sending;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.Queue;

/// <summary>Two nodes' queues on one Redis: a lease is trusted only as long as Redis keeps it for that node.</summary>
public sealed class PushLeaseTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    /// <summary>
    /// A node reads its clock, then is starved of CPU for five seconds before its lease script runs (seen
    /// under a loaded test run: two nodes sent the same page). Redis counts that lease from the old
    /// reading, so it has lapsed on arrival and another node leases the job at once; the starved node must
    /// not trust it either, or both send.
    /// </summary>
    [Fact]
    public async Task ALeaseThatLapsedBeforeItsScriptRanIsNotTrustedByTheNodeThatTookIt()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new PushKeys(Options.Create(new RedisOptions { KeyPrefix = RedisFixture.NewPrefix() }));
        var starvedClock = new ShiftedTime { Offset = TimeSpan.FromSeconds(-5) };
        var starved = new PushQueue(connection, keys, starvedClock);
        var other = new PushQueue(connection, keys, TimeProvider.System);
        await starved.InitCursorAsync("en", 0, CancellationToken.None);
        var alertEvent = Event();
        Assert.True(await starved.EnqueueAsync("en", 0, 1, [(alertEvent, JsonSerializer.Serialize(alertEvent, AlertsJson.Options))], CancellationToken.None));

        var starvedJob = await starved.LeaseAsync(Lease, CancellationToken.None);
        starvedClock.Offset = TimeSpan.Zero;
        var otherJob = await other.LeaseAsync(Lease, CancellationToken.None);

        Assert.NotNull(starvedJob);
        Assert.NotNull(otherJob);
        Assert.Equal(starvedJob.Id, otherJob.Id);
        Assert.False(new LeaseWatch(starvedClock, Lease, starvedJob.LeasedAt).IsValid);
        Assert.True(new LeaseWatch(TimeProvider.System, Lease, otherJob.LeasedAt).IsValid);
    }

    private static AlertEvent Event()
    {
        var now = DateTimeOffset.UtcNow;
        return new AlertEvent
        {
            Seq = 1,
            Type = AlertEventType.Published,
            Edition = "en",
            At = now,
            Alert = new Alert
            {
                Id = "01JDLEASE", Edition = "en", Headline = "Lease", Author = "desk", Push = true,
                PublishedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(6),
            },
        };
    }
}
