using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Desk;

/// <summary>The scheduler's settings as an operator upgrading a node meets them.</summary>
public sealed class SchedulerSettingsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int RetiredPollIntervalEvent = 5004;

    [Fact]
    public async Task ANodeStillGivenTheRetiredPollIntervalSaysAtStartThatItIsNoLongerRead()
    {
        var log = new LogRecorder();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Scheduler:PollInterval"] = "00:00:00.200" },
            services: s => s.AddSingleton<ILoggerProvider>(log));

        var warning = Assert.Single(log.Entries, e => e.Id.Id == RetiredPollIntervalEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Alerts:Scheduler:PollInterval (00:00:00.2000000) is no longer read", warning.Message);
        Assert.Contains("Alerts:Scheduler:IdleCheckInterval (00:00:10)", warning.Message);
    }

    [Fact]
    public async Task ANodeWithoutItSaysNothingOfIt()
    {
        var log = new LogRecorder();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            services: s => s.AddSingleton<ILoggerProvider>(log));

        Assert.DoesNotContain(log.Entries, e => e.Id.Id == RetiredPollIntervalEvent);
    }
}
