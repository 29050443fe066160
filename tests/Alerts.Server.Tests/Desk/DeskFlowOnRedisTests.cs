using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Desk;

public sealed class DeskFlowOnRedisTests(RedisFixture redis) : DeskFlowTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?> settings) =>
        AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings);
}
