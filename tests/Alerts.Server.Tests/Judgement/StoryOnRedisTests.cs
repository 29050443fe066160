using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

public sealed class StoryOnRedisTests(RedisFixture redis) : StoryTests, IClassFixture<RedisFixture>
{
    protected override Task<AlertsNode> StartNodeAsync() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
}
