using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with AOF fsynced on every write so a restart
/// keeps everything acknowledged. <c>ALERTS_TEST_REDIS</c> points the tests at an existing server
/// instead; tests that stop the server then skip their fault steps.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-redis-").FullName;
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServerProcess(int port, string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        var server = new RedisServerProcess(FreePort(), extraArguments);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and directory, so it reloads its AOF.</summary>
    public async Task StartAgainAsync()
    {
        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always",
            "--protected-mode", "no", "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
        };
        arguments.AddRange(_extraArguments);
        var start = new ProcessStartInfo(RedisServerPath()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
