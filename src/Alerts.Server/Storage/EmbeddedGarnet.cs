using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Garnet;

namespace Alerts.Server.Hosting;

/// <summary>
/// The embedded default: a Garnet server in this process on a free loopback port, persisting every
/// write to its append-only file before answering, and replaying that file at start.
/// Loopback is shared by every process on the machine, so Garnet requires a password that is drawn
/// at start and lives only in this process (in <see cref="ConnectionString"/>, never logged), and
/// its files are readable by this process' user only (directory 0700, files 0600).
/// </summary>
internal sealed class EmbeddedGarnet : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly GarnetServer _server;
    private readonly ILoggerFactory _garnetLoggers;
    private readonly string _password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public EmbeddedGarnet(string dataDir, ILoggerFactory loggerFactory)
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

        // Recovering from an empty directory makes Garnet log a missing-checkpoint error; there is nothing to recover anyway.
        var hasData = Directory.EnumerateFileSystemEntries(directory).Any();
        Port = FreeLoopbackPort();
        List<string> arguments =
        [
            "--bind", IPAddress.Loopback.ToString(),
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--checkpointdir", directory,
            // Every write is committed to the AOF, and the reply waits for that commit: a 201 means on disk.
            "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "true",
            // RandomAccess uses plain file I/O, so no libaio native library is needed.
            "--device-type", "RandomAccess",
            "--lua",
            "--auth", "Password", "--password", _password,
        ];
        if (hasData)
        {
            arguments.Add("--recover");
        }

        _garnetLoggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new GarnetLoggerProvider(loggerFactory)));
        _server = new GarnetServer([.. arguments], _garnetLoggers);
        _server.Start();
        HostingLog.EmbeddedGarnetStarted(loggerFactory.CreateLogger<EmbeddedGarnet>(), Port, directory);
    }

    public int Port { get; }

    /// <summary>Carries the password: for the multiplexer only, never for a log.</summary>
    public string ConnectionString => $"{IPAddress.Loopback}:{Port},password={_password}";

    public void Dispose()
    {
        _server.Dispose();
        _garnetLoggers.Dispose();
    }

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
