using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Contract;

/// <summary>The contract on a real redis-server, each test under its own key prefix.</summary>
public sealed class AlertsContractOnRedisTests(RedisFixture redis) : AlertsContractTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
}
