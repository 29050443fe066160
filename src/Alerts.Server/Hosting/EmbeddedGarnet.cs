using System.Net;
using System.Net.Sockets;
using Garnet;

namespace Alerts.Server.Hosting;

/// <summary>
/// The embedded default: a Garnet server in this process on a free loopback port, persisting every
/// write to its append-only file before answering, and replaying that file at start.
/// </summary>
internal sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;
    private readonly ILoggerFactory _garnetLoggers;

    public EmbeddedGarnet(string dataDir, ILoggerFactory loggerFactory)
    {
        var directory = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(directory);
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

    public string ConnectionString => $"{IPAddress.Loopback}:{Port}";

    public void Dispose()
    {
        _server.Dispose();
        _garnetLoggers.Dispose();
    }

    // Garnet needs a concrete port; the OS hands out a free one, released just before Garnet binds it.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
