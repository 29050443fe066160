using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Garnet;
using StackExchange.Redis;

namespace Alerts.Server.Storage;

/// <summary>
/// The embedded default: a Garnet server in this process on a free loopback port, persisting every
/// write to its append-only file before answering; checkpoints (<see cref="EmbeddedStoreOptions"/>)
/// let it drop the file behind them, and a start recovers the last checkpoint plus the file's tail.
/// Loopback is shared by every process on the machine, so Garnet requires a password that is drawn
/// at start and lives only in this process (in <see cref="ConnectionString"/>, never logged), and
/// its files are readable by this process' user only (directory 0700, files 0600).
/// </summary>
internal sealed class EmbeddedGarnet : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Garnet drops the append-only file a whole segment at a time, so its segments are small: with
    // Garnet's 1 GB default a file never shrank below 1 GB. A segment holds at least one AOF page,
    // an AOF page at least two store pages (an AOF record can be as large as a store record), and a
    // store page bounds a record: 1 MB is far above the 64 KB request limit.
    private const string StorePageSize = "1m";
    private const string AofPageSize = "2m";
    private const string AofMemory = "8m";
    private const string AofSegmentSize = "4m";
    private const long LegacySegmentThreshold = 4L << 20;

    // Every checkpoint writes the whole hash index, so it starts small (1 MB: ~16,000 buckets of 7 keys) and
    // Garnet doubles it once overflow buckets pass half of it (checked every minute): it follows the number
    // of keys. A checkpoint keeps the size it was taken with, and recovery reads that size from it.
    private const string IndexSize = "1m";
    private const string IndexMaxSize = "1g";

    // A key with a TTL stays, value and all, until it is read after it expired or deleted: an hour's push caps
    // (a hash of every device pushed to) would go into every checkpoint. The scan deletes expired keys every
    // ten minutes; a deleted hash leaves only its record's tombstone.
    private const string ExpiredKeyScanSeconds = "600";

    private readonly GarnetServer _server;
    private readonly ILoggerFactory _garnetLoggers;
    private readonly string _password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public EmbeddedGarnet(string dataDir, EmbeddedStoreOptions options, ILoggerFactory loggerFactory)
    {
        var directory = Path.GetFullPath(dataDir);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            RestrictToOwner(directory);
            // Garnet creates files for as long as it runs (AOF segments, commit records), with the
            // process' umask: from here on this process creates nothing that others may read.
            _ = SetUmask(0b000_111_111);
        }

        _garnetLoggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new GarnetLoggerProvider(loggerFactory)));
        var logger = loggerFactory.CreateLogger<EmbeddedGarnet>();
        Port = FreeLoopbackPort();
        if (HasLegacyAppendOnlyFile(directory))
        {
            CheckpointLegacyAppendOnlyFile(directory, logger);
        }

        // Recovering from an empty directory makes Garnet log a missing-checkpoint error; there is nothing to recover anyway.
        var hasData = Directory.EnumerateFileSystemEntries(directory).Any();
        List<string> arguments =
        [
            .. CommonArguments(directory, hasData),
            // Checkpoints are Tsavorite's concurrent (CPR) ones: writes go on while one is taken, and
            // the file is truncated only once the checkpoint is complete on disk.
            "--checkpoint-freq", WholeSeconds(options.CheckpointInterval),
            "--aof-size-limit", options.CheckpointAofBytes.ToString(CultureInfo.InvariantCulture),
            "--aof-page-size", AofPageSize,
            "--aof-memory", AofMemory,
            "--aof-segment-size", AofSegmentSize,
        ];
        _server = new GarnetServer([.. arguments], _garnetLoggers);
        _server.Start();
        EmbeddedStoreLog.EmbeddedGarnetStarted(logger, Port, directory);
        EmbeddedStoreLog.CheckpointsScheduled(logger, options.CheckpointInterval, options.CheckpointAofBytes);
    }

    public int Port { get; }

    /// <summary>Carries the password: for the multiplexer only, never for a log.</summary>
    public string ConnectionString => $"{IPAddress.Loopback}:{Port},password={_password}";

    public void Dispose()
    {
        _server.Dispose();
        _garnetLoggers.Dispose();
    }

    private List<string> CommonArguments(string directory, bool recover)
    {
        List<string> arguments =
        [
            "--bind", IPAddress.Loopback.ToString(),
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--checkpointdir", directory,
            // Every write is committed to the AOF, and the reply waits for that commit: a 201 means on disk.
            "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "true",
            // RandomAccess uses plain file I/O, so no libaio native library is needed.
            "--device-type", "RandomAccess",
            "--lua",
            "--auth", "Password", "--password", _password,
            // No banner: it is ASCII art in colour codes on standard output, where the log goes.
            "-q",
            // A checkpoint is laid out in the store's pages and keeps the index size it was taken with:
            // both are set before the first one, the legacy file's included.
            "--page", StorePageSize,
            "--index", IndexSize,
            "--index-max-size", IndexMaxSize,
            "--expired-key-deletion-scan-freq", ExpiredKeyScanSeconds,
        ];
        if (recover)
        {
            // A checkpoint Garnet cannot read stops the start instead of leaving an empty store that the next
            // checkpoint would write over the data (seen with a million registrations: the data-directory
            // section of docs/benchmarks.md).
            arguments.AddRange(["--recover", "--fail-on-recovery-error", "true"]);
        }

        return arguments;
    }

    /// <summary>
    /// Releases before checkpoints wrote the append-only file in Garnet's default 1 GB segments; read
    /// with 4 MB segments, everything past its first 4 MB would be silently missing. Below 4 MB the two
    /// layouts are the same file, so only a longer segment tells an old directory.
    /// </summary>
    private static bool HasLegacyAppendOnlyFile(string directory)
    {
        var aof = Path.Combine(directory, "AOF");
        return Directory.Exists(aof) && new DirectoryInfo(aof).EnumerateFiles("aof.log.*").Any(segment => segment.Length > LegacySegmentThreshold);
    }

    /// <summary>
    /// Recovers an old directory with the layout it was written in, checkpoints it, and removes the old
    /// segments the checkpoint now holds, so that the start that follows reads a checkpoint and an empty
    /// file in the new layout. Nothing else is connected yet, so nothing is written in between.
    /// </summary>
    private void CheckpointLegacyAppendOnlyFile(string directory, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        using (var legacy = new GarnetServer([.. CommonArguments(directory, recover: true)], _garnetLoggers))
        {
            legacy.Start();
            using var connection = ConnectionMultiplexer.Connect(new ConfigurationOptions
            {
                EndPoints = { new IPEndPoint(IPAddress.Loopback, Port) },
                Password = _password,
                AllowAdmin = true,
            });
            // SAVE answers once the checkpoint is complete on disk; nothing else is connected to wait for it.
            connection.GetDatabase().Execute("SAVE");
        }

        var checkpoints = Path.Combine(directory, "Store", "checkpoints", "cpr-checkpoints");
        if (!Directory.Exists(checkpoints) || !Directory.EnumerateDirectories(checkpoints).Any())
        {
            throw new InvalidOperationException($"The embedded store in {directory} could not be checkpointed; its append-only file is left as it was.");
        }

        foreach (var segment in Directory.EnumerateFiles(Path.Combine(directory, "AOF"), "aof.log.*"))
        {
            File.Delete(segment);
        }

        EmbeddedStoreLog.LegacyAppendOnlyFileCheckpointed(logger, directory, Stopwatch.GetElapsedTime(started));
    }

    private static string WholeSeconds(TimeSpan interval) =>
        ((long)Math.Ceiling(interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);

    /// <summary>Files from an earlier run, or from a release that did not restrict them.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void RestrictToOwner(string directory)
    {
        File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            entry.UnixFileMode = entry is DirectoryInfo ? OwnerOnlyDirectory : OwnerOnlyFile;
        }
    }

    // Garnet needs a concrete port; the OS hands out a free one, released just before Garnet binds it.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
