using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hosting;

/// <summary>
/// The thread-pool minimum is raised for Sentinel alone, in the node's own process (the test process keeps a
/// minimum of its own): elsewhere the extra threads cost CPU per delivered message and buy nothing.
/// </summary>
[Collection(RedisSentinelCollection.Name)]
public sealed class SentinelPoolThreadsTests(RedisSentinelFixture sentinel)
{
    private const string Raised = "at least 32 pool threads start at once";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ANodeReachingRedisThroughSentinelRaisesItsPoolMinimum()
    {
        var output = await RunUntilReadyAsync(sentinel.ConnectionString);

        Assert.Contains(Raised, output);
    }

    [Fact]
    public async Task ANodeOnAStandaloneRedisKeepsTheRuntimesMinimum()
    {
        await using var redis = await RedisServerProcess.StartAsync();

        var output = await RunUntilReadyAsync(redis.ConnectionString);

        Assert.Contains("Using Redis at", output);
        Assert.DoesNotContain(Raised, output);
    }

    private static async Task<string> RunUntilReadyAsync(string connectionString)
    {
        var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = connectionString,
            ["Alerts__Redis__KeyPrefix"] = RedisFixture.NewPrefix(),
        });
        await using (server)
        {
            await server.TerminateAsync();
            await server.Process.WaitForExitAsync().WaitAsync(Timeout);
        }

        return server.Output;
    }
}
