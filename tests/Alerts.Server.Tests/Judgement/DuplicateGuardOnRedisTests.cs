using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

public sealed class DuplicateGuardOnRedisTests(RedisFixture redis) : DuplicateGuardTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null) =>
        AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings);
}
