using System.Net;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Storage;

/// <summary>
/// The embedded Garnet checkpoints and drops its append-only file behind the checkpoint; a restart
/// recovers the checkpoint plus the file's tail, also after a crash in the middle of a checkpoint.
/// </summary>
public sealed class EmbeddedCheckpointTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("alerts-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task ACheckpointShrinksTheAppendOnlyFileAndARestartLosesNothing()
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Embedded:CheckpointInterval"] = "00:00:02" };
        var prefix = RedisFixture.NewPrefix();
        string headline;
        long aofBeforeCheckpoint;
        await using (var node = await AlertsNode.StartAsync(null, prefix, _dataDir, settings))
        {
            headline = (await node.Editor.PublishAsync("en", "Kept through a checkpoint and a restart")).Alert.Headline;
            await node.RegisterAsync("token-kept-through-a-checkpoint");
            // Garnet drops the file a 4 MB segment at a time: more than two segments of other writes.
            var filler = node.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            var value = new string('x', 256 * 1024);
            for (var i = 0; i < 40; i++)
            {
                await filler.StringSetAsync($"filler:{i}", value).WaitAsync(Timeout);
            }

            aofBeforeCheckpoint = EmbeddedDataDirectory.AofBytes(_dataDir);
            Assert.True(aofBeforeCheckpoint > 8 << 20, $"The append-only file holds {aofBeforeCheckpoint} bytes after 10 MB of writes.");
            await EmbeddedDataDirectory.WaitUntilAsync(
                () => EmbeddedDataDirectory.AofBytes(_dataDir) < aofBeforeCheckpoint / 2,
                Timeout,
                () => $"The append-only file still holds {EmbeddedDataDirectory.AofBytes(_dataDir)} bytes (had {aofBeforeCheckpoint}).");
            await node.StopAsync();
        }

        await using (var restarted = await AlertsNode.StartAsync(null, prefix, _dataDir, settings))
        {
            var ticker = await restarted.Public.GetJsonAsync("/api/v1/editions/en/ticker");
            Assert.Contains(headline, ticker.ToString());
            Assert.True(await restarted.IsRegisteredAsync("token-kept-through-a-checkpoint"), "The device registered before the checkpoint is gone.");
        }

        Assert.True(EmbeddedDataDirectory.AofBytes(_dataDir) < aofBeforeCheckpoint / 2);
    }

    [Fact]
    public async Task ASmallNodesCheckpointIsNotPaddedByAnIndexSizedForAMillionKeys()
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Embedded:CheckpointInterval"] = "00:00:01" };
        await using var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir, settings);
        await node.Editor.PublishAsync("en", "One alert in a small newsroom");
        await node.RegisterAsync("one-phone");

        var index = Path.Combine(_dataDir, "Store", "checkpoints", "index-checkpoints");
        await EmbeddedDataDirectory.WaitUntilAsync(
            () => EmbeddedDataDirectory.Checkpoints(_dataDir).Count > 0 && Directory.Exists(index) && Directory.EnumerateFiles(index, "ht.dat.*", SearchOption.AllDirectories).Any(),
            Timeout,
            () => "No checkpoint was taken.");

        var indexBytes = new DirectoryInfo(index).EnumerateFiles("ht.dat.*", SearchOption.AllDirectories).Max(file => file.Length);
        Assert.True(indexBytes < 2 << 20, $"The checkpoint's hash index is {indexBytes} bytes for a handful of keys.");
    }

    [Fact]
    public async Task AKillDuringACheckpointLosesNothingAcknowledged()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = "",
            ["Alerts__DataDir"] = _dataDir,
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Role"] = "editor",
            ["Alerts__Duplicates__Window"] = "00:00:00",
            // A checkpoint every second and at every megabyte: one is under way most of the time.
            ["Alerts__Embedded__CheckpointInterval"] = "00:00:01",
            ["Alerts__Embedded__CheckpointAofBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var acknowledged = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            var server = await ServerProcess.StartAsync(environment);
            try
            {
                using var editor = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
                editor.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Editor);
                var seen = await editor.LogSeqsAsync("en");
                Assert.True(acknowledged.All(seen.Contains), $"Round {round}: acknowledged seqs missing after the kill: {string.Join(", ", acknowledged.Except(seen))}\n{server.Output}");

                var checkpointsAtStart = EmbeddedDataDirectory.Checkpoints(_dataDir);
                var checkpointSeen = false;
                for (var i = 0; i < 200 && !checkpointSeen; i++)
                {
                    acknowledged.Add((await editor.PublishAsync("en", $"Round {round}, line {i}")).Seq);
                    checkpointSeen = !EmbeddedDataDirectory.Checkpoints(_dataDir).SetEquals(checkpointsAtStart);
                }

                Assert.True(checkpointSeen, $"Round {round}: no checkpoint began within 200 publications.");
                // One more acknowledged write while the checkpoint is being written, then the kill.
                acknowledged.Add((await editor.PublishAsync("en", $"Round {round}, during the checkpoint")).Seq);
            }
            finally
            {
                await server.DisposeAsync();
            }
        }

        var last = await ServerProcess.StartAsync(environment);
        await using (last)
        {
            using var reader = new HttpClient { BaseAddress = last.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var seqs = await reader.LogSeqsAsync("en");
            Assert.Empty(acknowledged.Except(seqs));
            using var ready = await reader.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    [Fact]
    public async Task GarnetsBannerAndItsCancellationsAtStopStayOutOfTheLog()
    {
        var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = "",
            ["Alerts__DataDir"] = _dataDir,
            // The test host asks .NET's console logger for colours; a service's log (journald, Docker) has none.
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        });
        await using (server)
        {
            await server.TerminateAsync();
            await server.Process.WaitForExitAsync().WaitAsync(Timeout);
        }

        Assert.Contains("Embedded Garnet listening", server.Output);
        Assert.DoesNotContain("\u001b[", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("GetGarnet", server.Output);
        Assert.DoesNotContain("IndexAutoGrowTaskAsync", server.Output);
    }
}
