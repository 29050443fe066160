using Alerts.Server.Tests.Infrastructure;
using Garnet;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Storage;

/// <summary>
/// A data directory of a release before checkpoints (an append-only file in Garnet's 1 GB segments)
/// keeps every value when this release starts on it, and on every start after.
/// </summary>
public sealed class EmbeddedUpgradeTests : IDisposable
{
    private const int Keys = 10;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("alerts-upgrade-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task AnAppendOnlyFileOfTheEarlierLayoutKeepsEveryValue()
    {
        var expected = await WriteWithTheEarlierLayoutAsync();
        Assert.Contains(new DirectoryInfo(Path.Combine(_dataDir, "AOF")).EnumerateFiles("aof.log.*"), segment => segment.Length > 4 << 20);

        var prefix = RedisFixture.NewPrefix();
        for (var start = 0; start < 2; start++)
        {
            await using var node = await AlertsNode.StartAsync(null, prefix, _dataDir);
            var db = node.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            for (var i = 0; i < Keys; i++)
            {
                Assert.Equal(expected[i], (string?)await db.StringGetAsync($"legacy:{i}").WaitAsync(TimeSpan.FromSeconds(10)));
            }

            await node.StopAsync();
        }

        Assert.DoesNotContain(new DirectoryInfo(Path.Combine(_dataDir, "AOF")).EnumerateFiles("aof.log.*"), segment => segment.Length > 4 << 20);
    }

    /// <summary>Garnet as the earlier release started it; each key's last value lies far past the first 4 MB.</summary>
    private async Task<string[]> WriteWithTheEarlierLayoutAsync()
    {
        var port = LoopbackPorts.Next();
        const string password = "upgrade-test";
        string[] arguments =
        [
            "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--checkpointdir", _dataDir,
            "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "true", "--device-type", "RandomAccess", "--lua",
            "--auth", "Password", "--password", password, "-q",
        ];
        var expected = new string[Keys];
        using var earlier = new GarnetServer(arguments);
        earlier.Start();
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},password={password}").WaitAsync(TimeSpan.FromSeconds(30));
        var db = connection.GetDatabase();
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < Keys; i++)
            {
                expected[i] = $"round {round}: " + new string((char)('a' + i), 256 * 1024);
                await db.StringSetAsync($"legacy:{i}", expected[i]).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        return expected;
    }
}
