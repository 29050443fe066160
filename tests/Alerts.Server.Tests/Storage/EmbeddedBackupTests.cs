using System.Diagnostics;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Storage;

/// <summary>
/// <c>deploy/embedded-backup.sh</c>: a backup of a node taking posts, restored on a new data
/// directory, holds every alert acknowledged before it began; the restored node is older than what
/// tickers saw, and the epoch makes them reset instead of skipping seqs handed out again.
/// </summary>
public sealed class EmbeddedBackupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string Script = RepositoryRoot.Combine("deploy", "embedded-backup.sh");
    private readonly string _scratch = Directory.CreateTempSubdirectory("alerts-backup-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task ABackupTakenUnderPostsRestoresEveryAcknowledgedAlertAndTheEpochResetsALaterTicker()
    {
        var dataDir = Path.Combine(_scratch, "data");
        var backupDir = Path.Combine(_scratch, "backup");
        var restoredDir = Path.Combine(_scratch, "restored");
        var prefix = RedisFixture.NewPrefix();
        // Checkpoints every second, so the backup races some and must notice.
        var settings = new Dictionary<string, string?> { ["Alerts:Embedded:CheckpointInterval"] = "00:00:01" };
        var acknowledged = new List<(long Seq, long At)>();
        long backupStarted;
        long tickerSeq;
        string tickerEpoch;
        await using (var node = await AlertsNode.StartAsync(null, prefix, dataDir, settings))
        {
            using var stop = new CancellationTokenSource();
            var posts = Task.Run(async () =>
            {
                // 10 posts a second, as a busy desk on a big night.
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var published = await node.Editor.PublishAsync("en", $"Backup under load, line {i}").WaitAsync(Timeout);
                    lock (acknowledged)
                    {
                        acknowledged.Add((published.Seq, Stopwatch.GetTimestamp()));
                    }

                    await Task.Delay(100);
                }
            });
            // Posts before the backup, and more after it: counted, not timed (a loaded machine posts slowly).
            await WaitForPostsAsync(acknowledged, 10, posts);
            backupStarted = Stopwatch.GetTimestamp();
            (await Shell.RunAsync("bash", [Script, "backup", dataDir, backupDir], _scratch, Timeout)).AssertSucceeded("backup");
            int postedByBackupEnd;
            lock (acknowledged)
            {
                postedByBackupEnd = acknowledged.Count;
            }

            await WaitForPostsAsync(acknowledged, postedByBackupEnd + 5, posts);
            await stop.CancelAsync();
            await posts.WaitAsync(Timeout);

            // Where a ticker that followed the edition to the end stands.
            var position = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0&limit=1");
            tickerSeq = position.GetProperty("latestSeq").GetInt64();
            tickerEpoch = position.GetProperty("epoch").GetString()!;
            await node.StopAsync();
        }

        (await Shell.RunAsync("bash", [Script, "restore", backupDir, restoredDir], _scratch, Timeout)).AssertSucceeded("restore");
        await using var restored = await AlertsNode.StartAsync(null, prefix, restoredDir, settings);

        var seqs = (await restored.Public.LogSeqsAsync("en")).ToHashSet();
        var beforeBackup = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Seq).ToList();
        Assert.True(beforeBackup.Count >= 10, $"Only {beforeBackup.Count} posts before the backup.");
        var lost = beforeBackup.Where(seq => !seqs.Contains(seq)).ToList();
        Assert.True(lost.Count == 0, $"Acknowledged before the backup and not restored: seqs {string.Join(", ", lost)}.");
        Assert.True(seqs.Max() < tickerSeq, $"The backup (up to seq {seqs.Max()}) is not older than what the ticker saw ({tickerSeq}).");

        var resumed = await restored.Public.GetJsonAsync($"/api/v1/editions/en/events?after={tickerSeq}&epoch={Uri.EscapeDataString(tickerEpoch)}");
        Assert.True(resumed.TryGetProperty("reset", out var reset) && reset.GetBoolean(), $"A ticker at {tickerEpoch}:{tickerSeq} was not reset: {resumed}");
        Assert.NotEqual(tickerEpoch, resumed.GetProperty("epoch").GetString());
    }

    private static async Task WaitForPostsAsync(List<(long Seq, long At)> acknowledged, int count, Task posts)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)Timeout.TotalSeconds;
        while (true)
        {
            lock (acknowledged)
            {
                if (acknowledged.Count >= count)
                {
                    return;
                }
            }

            Assert.False(posts.IsCompleted, $"The posts stopped: {posts.Exception}");
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Fewer than {count} posts within {Timeout}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task RestoreRefusesADirectoryThatHoldsData()
    {
        var backupDir = Directory.CreateDirectory(Path.Combine(_scratch, "backup")).FullName;
        Directory.CreateDirectory(Path.Combine(backupDir, "Store"));
        Directory.CreateDirectory(Path.Combine(backupDir, "AOF"));
        var dataDir = Directory.CreateDirectory(Path.Combine(_scratch, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dataDir, "something"), "live data");

        var outcome = await Shell.RunAsync("bash", [Script, "restore", backupDir, dataDir], _scratch, Timeout);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("is not empty", outcome.Output);
        Assert.Equal("live data", await File.ReadAllTextAsync(Path.Combine(dataDir, "something")));
    }
}
