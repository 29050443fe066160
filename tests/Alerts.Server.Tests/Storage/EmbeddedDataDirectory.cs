namespace Alerts.Server.Tests.Storage;

/// <summary>What the embedded Garnet keeps on disk, as a test sees it from outside.</summary>
public static class EmbeddedDataDirectory
{
    /// <summary>Bytes of the append-only file's segments (<c>AOF/aof.log.N</c>).</summary>
    public static long AofBytes(string dataDir) =>
        Directory.Exists(Path.Combine(dataDir, "AOF"))
            ? new DirectoryInfo(Path.Combine(dataDir, "AOF")).EnumerateFiles("aof.log.*").Sum(file => file.Length)
            : 0;

    /// <summary>Bytes of everything in the directory.</summary>
    public static long TotalBytes(string dataDir) =>
        new DirectoryInfo(dataDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);

    /// <summary>The store checkpoints on disk, complete or being written, by name: a new one replaces the last.</summary>
    public static HashSet<string> Checkpoints(string dataDir)
    {
        var checkpoints = Path.Combine(dataDir, "Store", "checkpoints", "cpr-checkpoints");
        return Directory.Exists(checkpoints) ? [.. Directory.EnumerateDirectories(checkpoints).Select(Path.GetFileName).OfType<string>()] : [];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling the disk.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, explain());
            await Task.Delay(100);
        }
    }
}
