namespace Alerts.Server.Tests.Infrastructure;

/// <summary>The test classes that share the one <see cref="RedisClusterFixture"/> of the run; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis Cluster";
}
