namespace Alerts.Server.Tests.Infrastructure;

/// <summary>The test classes that share the one <see cref="RedisSentinelFixture"/> of the run; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisSentinelCollection : ICollectionFixture<RedisSentinelFixture>
{
    public const string Name = "Redis Sentinel";
}
