using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Contract;

/// <summary>The contract on a Redis Cluster of three primaries and three replicas, each test under its own key prefix.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class AlertsContractOnClusterTests(RedisClusterFixture cluster) : AlertsContractTests
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null) =>
        AlertsNode.StartAsync(cluster.ConnectionString, settings is null ? _prefix : RedisFixture.NewPrefix(), settings: settings);
}
