using System.Globalization;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Storage;

/// <summary>
/// A checkpoint the embedded Garnet cannot read stops the start. Garnet's default is to log the error and
/// serve an empty store, whose first checkpoint then replaces the one that held the newsroom's alerts and
/// devices (seen with a million registrations: docs/benchmarks.md, issue 20).
/// </summary>
public sealed class EmbeddedRecoveryTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("alerts-recovery-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task ANodeRefusesToStartOnACheckpointItCannotReadInsteadOfStartingEmpty()
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Embedded:CheckpointInterval"] = "00:00:01" };
        await using (var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir, settings))
        {
            await node.Editor.PublishAsync("en", "Held by the checkpoint");
            await node.RegisterAsync("token-held-by-the-checkpoint");
            // The registry and the edition's indexes are Garnet objects: a checkpoint after them has object data.
            await EmbeddedDataDirectory.WaitUntilAsync(
                () => SnapshotObjectFiles().Any(file => file.Length > 0),
                Timeout,
                () => "No checkpoint with object data was taken.");
            await node.StopAsync();
        }

        // What Garnet reads first for each object is its type; no object has the type 0x32.
        var damaged = SnapshotObjectFiles();
        foreach (var file in damaged)
        {
            var garbage = new byte[file.Length];
            Array.Fill(garbage, (byte)0x32);
            await File.WriteAllBytesAsync(file.FullName, garbage);
        }

        var checkpoints = EmbeddedDataDirectory.Checkpoints(_dataDir);
        var (exitCode, output) = await RestartAsync();

        Assert.True(exitCode != 0, $"The server exited with 0.\n{output}");
        // Refused at the recovery error, not a crash further on over a half-recovered store.
        Assert.Contains("Unhandled exception. Garnet.common.GarnetException: Unsupported object type id 0x32", output);
        Assert.DoesNotContain("AccessViolationException", output);
        // Nothing replaced the damaged checkpoint: it is there for a restore or a diagnosis.
        Assert.Equal(checkpoints, EmbeddedDataDirectory.Checkpoints(_dataDir));
        Assert.All(damaged, file => Assert.True(
            File.ReadAllBytes(file.FullName).All(b => b == 0x32),
            string.Create(CultureInfo.InvariantCulture, $"{file.FullName} was rewritten.")));
    }

    [Fact]
    public async Task ANodeRefusesToServeTheFileBehindACheckpointItCannotRead()
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Embedded:CheckpointInterval"] = "00:00:02" };
        await using (var node = await AlertsNode.StartAsync(null, RedisFixture.NewPrefix(), _dataDir, settings))
        {
            await node.Editor.PublishAsync("en", "Held only by the checkpoint");
            // Garnet drops the file a 4 MB segment at a time: after this the file no longer holds the alert.
            var filler = node.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            var value = new string('x', 256 * 1024);
            for (var i = 0; i < 40; i++)
            {
                await filler.StringSetAsync($"filler:{i}", value).WaitAsync(Timeout);
            }

            var aofBeforeCheckpoint = EmbeddedDataDirectory.AofBytes(_dataDir);
            await EmbeddedDataDirectory.WaitUntilAsync(
                () => EmbeddedDataDirectory.AofBytes(_dataDir) < aofBeforeCheckpoint / 2,
                Timeout,
                () => $"The append-only file still holds {EmbeddedDataDirectory.AofBytes(_dataDir)} bytes (had {aofBeforeCheckpoint}).");
            await node.StopAsync();
        }

        var checkpoints = Path.Combine(_dataDir, "Store", "checkpoints", "cpr-checkpoints");
        foreach (var info in Directory.EnumerateFiles(checkpoints, "info.dat.*", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(info, "not a checkpoint");
        }

        var (exitCode, output) = await RestartAsync();

        Assert.True(exitCode != 0, $"The server exited with 0.\n{output}");
        Assert.Contains("Recovery is incomplete", output);
    }

    /// <summary>The server as an operator starts it, on the damaged directory, until it exits.</summary>
    private Task<(int ExitCode, string Output)> RestartAsync() => ServerProcess.RunToExitAsync(
        new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = "",
            ["Alerts__DataDir"] = _dataDir,
            ["Alerts__Embedded__CheckpointInterval"] = "00:00:01",
        },
        Timeout);

    private FileInfo[] SnapshotObjectFiles()
    {
        var checkpoints = Path.Combine(_dataDir, "Store", "checkpoints", "cpr-checkpoints");
        return Directory.Exists(checkpoints)
            ? [.. new DirectoryInfo(checkpoints).EnumerateFiles("snapshot.obj.dat.*", SearchOption.AllDirectories)]
            : [];
    }
}
