using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>The audit log drops what is older than <c>Alerts:Audit:Retention</c>, on Redis and on the embedded Garnet.</summary>
public sealed class AuditRetentionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public Task EntriesOlderThanTheRetentionAreDroppedOnRedis() => DropsOldEntriesAsync(redis.ConnectionString, RedisFixture.NewPrefix());

    [Fact]
    public Task EntriesOlderThanTheRetentionAreDroppedOnGarnet() => DropsOldEntriesAsync(null, "alerts");

    private static async Task DropsOldEntriesAsync(string? connectionString, string prefix)
    {
        var clock = new ShiftedTime { Offset = -TimeSpan.FromDays(40) };
        await using var node = await AlertsNode.StartAsync(connectionString, prefix,
            settings: Settings(new Dictionary<string, string?> { ["Alerts:Audit:Retention"] = "30.00:00:00" }),
            services: services => services.AddSingleton<TimeProvider>(clock));
        using var boss = node.ClientAs(Boss);
        var old = await boss.PublishNowAsync("en", "Published forty days ago");
        clock.Offset = -TimeSpan.FromDays(20);
        var kept = await boss.PublishNowAsync("en", "Published twenty days ago");
        clock.Offset = TimeSpan.Zero;
        var recent = await boss.PublishNowAsync("en", "Published now");

        var entries = (await boss.GetJsonAsync("/api/v1/audit?after=0")).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("alertId").GetString()).ToList();

        Assert.DoesNotContain(old, entries);
        Assert.Equal([kept, recent], entries);
    }
}
