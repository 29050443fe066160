using System.Globalization;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// A Redis Cluster on loopback: six <c>redis-server --cluster-enabled yes</c> (three primaries, three
/// replicas) joined with <c>redis-cli --cluster create</c>, started once per test run and shared by
/// the <see cref="RedisClusterCollection"/>; tests isolate themselves by key prefix.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly List<RedisServerProcess> _nodes = [];

    /// <summary>The seed list the server connects with: every node, as an operator would list them.</summary>
    public string ConnectionString => string.Join(",", _nodes.Select(n => n.ConnectionString));

    public IReadOnlyList<int> Ports => _nodes.Select(n => n.Port).ToList();

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RedisServerProcess.StartAsync(
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000",
            // The bus port is the data port + 10000 by default, inside the kernel's ephemeral range, where an outgoing
            // connection may hold it ("address already in use" failed a run): one below that range, as the data port.
            "--cluster-port", LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
            // Six fsyncs per write would only slow a two-core machine; nothing here restarts a cluster node.
            "--appendfsync", "everysec")));
        _nodes.AddRange(started);
        var created = await RedisCli.RunAsync(
            ["--cluster", "create", .. _nodes.Select(n => n.ConnectionString), "--cluster-replicas", "1", "--cluster-yes"], TimeSpan.FromSeconds(60));
        if (!created.Contains("[OK] All 16384 slots covered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {created}");
        }

        await WaitUntilHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// Promotes the replica of the primary that holds <paramref name="key"/>'s slot with
    /// <c>CLUSTER FAILOVER</c>, as an operator does before maintenance, and returns once it serves the slot.
    /// </summary>
    public async Task FailoverPrimaryOfAsync(string key)
    {
        var slot = int.Parse((await RedisCli.RunAsync(_nodes[0].Port, "CLUSTER", "KEYSLOT", key)).Trim(), CultureInfo.InvariantCulture);
        var nodes = await NodesAsync();
        var primary = nodes.Single(n => n.IsPrimary && n.Slots.Any(range => range.First <= slot && slot <= range.Last));
        var replica = nodes.First(n => n.PrimaryId == primary.Id);
        var answer = await RedisCli.RunAsync(replica.Port, "CLUSTER", "FAILOVER");
        if (!answer.StartsWith("OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"CLUSTER FAILOVER on {replica.Port}: {answer}");
        }

        await RedisCli.WaitUntilAsync(
            async () => (await NodesAsync()).Any(n => n.Port == replica.Port && n.IsPrimary && n.Slots.Count > 0),
            TimeSpan.FromSeconds(30), $"the replica on port {replica.Port} serves slot {slot}");
        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        foreach (var node in _nodes)
        {
            await RedisCli.WaitUntilAsync(
                async () => (await RedisCli.RunAsync(node.Port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), $"cluster node {node.Port} reports cluster_state:ok");
        }

        await RedisCli.WaitUntilAsync(async () =>
        {
            var nodes = await NodesAsync();
            return nodes.Count(n => n.IsPrimary && n.Slots.Count > 0) == 3 && nodes.Count(n => !n.IsPrimary && n.LinkUp) == 3;
        }, TimeSpan.FromSeconds(60), "three primaries serve the slots and three replicas are connected");
        foreach (var node in _nodes)
        {
            await RedisCli.WaitUntilAsync(async () =>
            {
                var replication = await RedisCli.RunAsync(node.Port, "INFO", "replication");
                return replication.Contains("role:master", StringComparison.Ordinal) || replication.Contains("master_link_status:up", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(60), $"cluster node {node.Port} is a primary or a synchronised replica");
        }
    }

    private async Task<List<ClusterNode>> NodesAsync()
    {
        var text = await RedisCli.RunAsync(_nodes[0].Port, "CLUSTER", "NODES");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ClusterNode.Parse).ToList();
    }

    /// <summary>One line of <c>CLUSTER NODES</c>: id, address, flags, primary, …, link state, slot ranges.</summary>
    private sealed record ClusterNode(string Id, int Port, bool IsPrimary, string PrimaryId, bool LinkUp, List<(int First, int Last)> Slots)
    {
        public static ClusterNode Parse(string line)
        {
            var fields = line.Split(' ');
            var address = fields[1].Split('@')[0];
            var port = int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var slots = fields.Skip(8).Where(f => !f.StartsWith('[')).Select(f =>
            {
                var bounds = f.Split('-');
                var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                return (first, bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : first);
            }).ToList();
            var flags = fields[2].Split(',');
            return new ClusterNode(fields[0], port, flags.Contains("master") && !flags.Contains("fail"), fields[3], fields[7] == "connected", slots);
        }
    }
}
