using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>Several nodes share one due queue: each scheduled alert goes out exactly once, also across restarts.</summary>
public sealed class SchedulingAcrossNodesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>No node looks at the due queues by itself during a test: what it knows of, it was told.</summary>
    private static readonly Dictionary<string, string?> NoIdleLooks = new() { ["Alerts:Scheduler:IdleCheckInterval"] = "00:05:00" };

    [Fact]
    public async Task TwoNodesPublishEachScheduledAlertExactlyOnce()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var first = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: Settings(NoIdleLooks));
        await using var second = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: Settings(NoIdleLooks));
        using var boss = first.ClientAs(Boss);
        var publishAt = DeskApi.In(2);

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await boss.SubmitWaitingAsync("en", $"Due at the same instant {i}", new { publishAt }, "scheduled"));
        }

        await WaitForEventsAsync(second.Public, "en", ids.Count, TimeSpan.FromSeconds(6));
        await Task.Delay(1000);
        var published = await PublishedIdsAsync(first.Public, "en");
        Assert.Equal(ids.Order(), published.Order());
    }

    [Fact]
    public async Task ANodePublishesAnAlertAnotherNodeScheduledAndLeftWithoutLookingForIt()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var watcher = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: Settings(NoIdleLooks));
        string id;
        await using (var writer = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: Settings(NoIdleLooks)))
        {
            using var boss = writer.ClientAs(Boss);
            id = await boss.SubmitWaitingAsync("en", "Scheduled on a node that then stops", new { publishAt = DeskApi.In(2) }, "scheduled");
            await writer.StopAsync();
        }

        // The watcher's own looks were at its start, before the alert existed; the next is minutes away.
        await WaitForEventsAsync(watcher.Public, "en", 1, TimeSpan.FromSeconds(8));
        Assert.Equal([id], await PublishedIdsAsync(watcher.Public, "en"));
    }

    [Fact]
    public async Task AnAlertDueWhileEveryNodeWasDownGoesOutOnceAtStartUnlessItsTickerTimePassed()
    {
        var prefix = RedisFixture.NewPrefix();
        var settings = Settings(new Dictionary<string, string?>(NoIdleLooks) { ["Alerts:TickerTtl"] = "00:00:12" });
        // From the first submission: due at +4 s and gone from the ticker at +16 s; due at +12 s and gone at +24 s;
        // every node is down from before +4 s to +16.5 s. The margins are seconds wide: a loaded machine may
        // take a second or two to submit, stop and start.
        DateTimeOffset start;
        string onTime, tooLate;
        await using (var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings))
        {
            using var boss = node.ClientAs(Boss);
            start = DateTimeOffset.UtcNow;
            tooLate = await boss.SubmitWaitingAsync("en", "Due early, expires while every node is down", new { publishAt = Iso(start.AddSeconds(4)) }, "scheduled");
            onTime = await boss.SubmitWaitingAsync("en", "Due while every node is down", new { publishAt = Iso(start.AddSeconds(12)) }, "scheduled");
            await node.StopAsync();
        }

        await Task.Delay(start.AddSeconds(16.5) - DateTimeOffset.UtcNow);
        var startedAt = DateTimeOffset.UtcNow;
        await using var restarted = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);
        await using var other = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);

        await WaitForEventsAsync(restarted.Public, "en", 1, TimeSpan.FromSeconds(6));
        await Task.Delay(500);
        Assert.Equal([onTime], await PublishedIdsAsync(restarted.Public, "en"));
        var alert = await restarted.Public.GetJsonAsync($"/api/v1/alerts/{onTime}");
        Assert.True(alert.GetProperty("publishedAt").GetDateTimeOffset() >= startedAt.AddMilliseconds(-1));
        using var editor = restarted.ClientAs(EnEditor);
        Assert.Contains(("expired", "scheduler"), await editor.HistoryAsync(tooLate));
        Assert.Empty((await editor.GetJsonAsync("/api/v1/alerts")).GetProperty("alerts").EnumerateArray());
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<string>> PublishedIdsAsync(HttpClient client, string edition)
    {
        var page = await client.GetJsonAsync($"/api/v1/editions/{edition}/events?after=0&limit=1000");
        return page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("alert").GetProperty("id").GetString()!).ToList();
    }

    private static async Task WaitForEventsAsync(HttpClient client, string edition, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await PublishedIdsAsync(client, edition)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} events arrived in time.");
            await Task.Delay(50);
        }
    }
}
