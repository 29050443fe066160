using System.Diagnostics;
using System.Globalization;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// Redis Sentinel on loopback: a primary, a replica and three sentinels (quorum two), started once
/// per test run and shared by the <see cref="RedisSentinelCollection"/>. One replica on purpose: with
/// a second one, a primary deposed by <c>SENTINEL FAILOVER</c> keeps a replica that confirms its
/// writes (<c>WAIT</c>) for the second until the sentinels move that replica too, and those confirmed
/// writes are then lost (measured: 17 of 267). Tests fail the primary over;
/// <see cref="EnsureHealthyAsync"/> brings a killed server back (it rejoins as the new primary's replica).
/// </summary>
public sealed class RedisSentinelFixture : IAsyncLifetime
{
    public const string ServiceName = "alerts";

    private readonly List<RedisServerProcess> _servers = [];
    private readonly List<RedisServerProcess> _sentinels = [];

    /// <summary>What the server is given: the sentinels and the service name, never the primary itself.</summary>
    /// <summary>
    /// How the data servers are run, as docs/benchmarks.md advises for <c>WaitReplicas</c>. A replica that
    /// rejoins after a failover needs a full copy; without <c>repl-diskless-sync-delay 0</c> the primary
    /// waits five seconds for more replicas to share the transfer. <c>min-replicas-to-write 1</c> makes a
    /// primary without a replica refuse writes at the source: a killed primary restarted from its own
    /// AOF, or one the sentinels deposed, is a writable primary until they demote it, and writes it took
    /// were lost (44 of 341 acknowledged alerts in one run without it).
    /// </summary>
    private static readonly string[] Replication = ["--repl-diskless-sync-delay", "0", "--min-replicas-to-write", "1", "--min-replicas-max-lag", "2"];

    public string ConnectionString => string.Join(",", _sentinels.Select(s => s.ConnectionString)) + $",serviceName={ServiceName}";

    public async Task InitializeAsync()
    {
        var primary = await RedisServerProcess.StartAsync(Replication);
        _servers.Add(primary);
        _servers.Add(await RedisServerProcess.StartAsync([.. Replication, "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture)]));

        _sentinels.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RedisServerProcess.StartSentinelAsync(
            ServiceName, primary.Port, quorum: 2, RepositoryRoot.Combine("deploy", "sentinel", "demote-deposed-primary.sh")))));
        await EnsureHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_sentinels.Concat(_servers).Select(s => s.DisposeAsync().AsTask()));
    }

    /// <summary>The primary's port as the sentinels announce it.</summary>
    public async Task<int> PrimaryPortAsync()
    {
        var answer = await RedisCli.RunAsync(_sentinels[0].Port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName);
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return int.Parse(lines[1], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Starts a killed server again on its port and data directory, by default as a replica of the
    /// primary the sentinels name, as its supervisor must (docs/benchmarks.md). Started as it was
    /// (<paramref name="asReplica"/> false), it comes back from its AOF as a second primary, holding
    /// writes no replica confirmed, and the sentinels demote it only after it has claimed the role for
    /// eight seconds and at their next ten-second look, while the promoted primary has no replica.
    /// </summary>
    public async Task RestartKilledAsync(bool asReplica = true)
    {
        var stopped = _servers.Where(s => !s.IsRunning).ToList();
        if (stopped.Count == 0)
        {
            return;
        }

        string[] arguments = asReplica ? ["--replicaof", "127.0.0.1", (await PrimaryPortAsync()).ToString(CultureInfo.InvariantCulture)] : [];
        foreach (var server in stopped)
        {
            await server.StartAgainAsync(arguments);
        }
    }

    /// <summary>
    /// Restarts a killed server, then waits until one primary has its replica online and every sentinel
    /// sees both and the other sentinels: the state a failover test must start from.
    /// </summary>
    public async Task EnsureHealthyAsync()
    {
        await RestartKilledAsync();
        var state = "";
        await RedisCli.WaitUntilAsync(async () =>
        {
            foreach (var sentinel in _sentinels)
            {
                state = await RedisCli.RunAsync(sentinel.Port, "SENTINEL", "CKQUORUM", ServiceName);
                if (!state.Contains("3 usable Sentinels", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            var primaryPort = await PrimaryPortAsync();
            var replication = await RedisCli.RunAsync(primaryPort, "INFO", "replication");
            var replicas = await RedisCli.RunAsync(_sentinels[0].Port, "SENTINEL", "REPLICAS", ServiceName);
            state = replication + replicas;
            return replication.Contains("role:master", StringComparison.Ordinal)
                && replication.Split("state=online").Length == 2
                && replicas.Split("flags\nslave\n").Length == 2
                && !replicas.Contains("s_down", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), "the sentinels see a primary with its replica online", () => state);
    }

    /// <summary>
    /// Stops the primary's writes reaching its replica while the primary keeps accepting them, as a
    /// deployment without <c>WaitReplicas</c> runs: the replica can no longer authenticate to the primary,
    /// the primary no longer requires a replica to write, and the replica's link is cut. Whatever is
    /// written next exists on the primary only. <see cref="RestoreReplicationAsync"/> undoes it.
    /// </summary>
    public async Task CutReplicationAsync()
    {
        var primary = await PrimaryPortAsync();
        var replica = _servers.Single(s => s.Port != primary && s.IsRunning);
        await RedisCli.RunAsync(primary, "CONFIG", "SET", "min-replicas-to-write", "0");
        await RedisCli.RunAsync(replica.Port, "CONFIG", "SET", "masterauth", "not-the-primarys-password");
        await RedisCli.RunAsync(primary, "CLIENT", "KILL", "TYPE", "replica");
        await RedisCli.WaitUntilAsync(
            async () => (await RedisCli.RunAsync(primary, "INFO", "replication")).Contains("connected_slaves:0", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the primary has no replica");
    }

    /// <summary>Gives every running server back the replication settings it was started with.</summary>
    public async Task RestoreReplicationAsync()
    {
        foreach (var server in _servers.Where(s => s.IsRunning))
        {
            await RedisCli.RunAsync(server.Port, "CONFIG", "SET", "masterauth", "");
            await RedisCli.RunAsync(server.Port, "CONFIG", "SET", "min-replicas-to-write", "1");
        }
    }

    /// <summary>Asks a sentinel for a failover (<c>SENTINEL FAILOVER</c>); returns when the sentinels announce the new primary.</summary>
    public async Task<Stopwatch> FailoverAsync()
    {
        var before = await PrimaryPortAsync();
        var answer = await RedisCli.RunAsync(_sentinels[0].Port, "SENTINEL", "FAILOVER", ServiceName);
        if (!answer.StartsWith("OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SENTINEL FAILOVER: {answer}");
        }

        return await WaitForPromotionAsync(before);
    }

    /// <summary>SIGKILLs the primary, as a crash would; returns when the sentinels announce the promoted replica.</summary>
    public async Task<Stopwatch> KillPrimaryAsync()
    {
        var before = await PrimaryPortAsync();
        await _servers.Single(s => s.Port == before).KillAsync();
        return await WaitForPromotionAsync(before);
    }

    /// <summary>Waits until the sentinels name another primary; the stopwatch starts at that moment.</summary>
    private async Task<Stopwatch> WaitForPromotionAsync(int before)
    {
        await RedisCli.WaitUntilAsync(async () => await PrimaryPortAsync() != before, TimeSpan.FromSeconds(60), "the sentinels promote the replica");
        return Stopwatch.StartNew();
    }
}
