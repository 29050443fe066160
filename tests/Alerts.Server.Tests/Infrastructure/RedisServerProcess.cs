using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with AOF fsynced on every write so a restart
/// keeps everything acknowledged. <c>ALERTS_TEST_REDIS</c> points the tests at an existing server
/// instead; tests that stop the server then skip their fault steps. Every process still running when
/// the test run ends is killed then, even when the run failed or a fixture never got to dispose it.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<RedisServerProcess, bool> Running = new();

    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-redis-").FullName;
    private readonly string[] _extraArguments;
    private readonly string? _sentinelConfig;
    private Process? _process;

    static RedisServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillNow();
            }
        };
    }

    private RedisServerProcess(int port, string[] extraArguments, string? sentinelConfig = null)
    {
        Port = port;
        _extraArguments = extraArguments;
        _sentinelConfig = sentinelConfig;
    }

    public int Port { get; }

    /// <summary>The process's data directory (AOF, cluster node table, sentinel state).</summary>
    public string DataDirectory => _directory;

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        var server = new RedisServerProcess(LoopbackPorts.Next(), extraArguments);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>
    /// A sentinel (<c>redis-server sentinel.conf --sentinel</c>) watching the primary on <paramref name="primaryPort"/>
    /// as <paramref name="serviceName"/>; it declares the primary down after one silent second, and runs
    /// <paramref name="reconfigScript"/> (if any) as its <c>client-reconfig-script</c>.
    /// </summary>
    public static async Task<RedisServerProcess> StartSentinelAsync(string serviceName, int primaryPort, int quorum, string? reconfigScript = null)
    {
        var config = $"""
            sentinel monitor {serviceName} 127.0.0.1 {primaryPort} {quorum}
            sentinel down-after-milliseconds {serviceName} 1000
            sentinel failover-timeout {serviceName} 10000
            sentinel parallel-syncs {serviceName} 1
            {(reconfigScript is null ? "" : $"sentinel client-reconfig-script {serviceName} {reconfigScript}")}

            """;
        var server = new RedisServerProcess(LoopbackPorts.Next(), [], config);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and directory, so it reloads its AOF; <paramref name="moreArguments"/> for this start only.</summary>
    public async Task StartAgainAsync(params string[] moreArguments)
    {
        var arguments = new List<string>();
        if (_sentinelConfig is not null)
        {
            // A sentinel rewrites its config file with what it learns, so it needs a file of its own.
            var configFile = Path.Combine(_directory, "sentinel.conf");
            if (!File.Exists(configFile))
            {
                await File.WriteAllTextAsync(configFile, _sentinelConfig);
            }

            arguments.AddRange([configFile, "--sentinel"]);
        }

        arguments.AddRange(
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--protected-mode", "no", "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
        ]);
        if (_sentinelConfig is not null)
        {
            arguments.RemoveRange(arguments.IndexOf("--save"), 6);
        }

        arguments.AddRange(_extraArguments);
        arguments.AddRange(moreArguments);
        var start = new ProcessStartInfo(RedisServerPath()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        Running[this] = true;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await AnswersPingAsync())
        {
            if (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING: {LogTail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The end of the server's log file, for failure messages.</summary>
    public string LogTail()
    {
        var logFile = Path.Combine(_directory, "redis.log");
        return File.Exists(logFile) ? string.Join("\n", File.ReadLines(logFile).TakeLast(20)) : "(no log)";
    }

    /// <summary>A raw PING, which any redis-server answers before it knows its role: a primary, a replica, a cluster node or a sentinel.</summary>
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the server at once, as a crash would: no save, no goodbye to clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        Running.TryRemove(this, out _);
    }

    private void KillNow()
    {
        try
        {
            _process?.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static string RedisServerPath()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it, or set ALERTS_TEST_REDIS.");
    }
}
