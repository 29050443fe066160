using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in the foreground with <c>deploy/nginx.conf</c>, rendered for loopback: the
/// compose service names become the test's node ports, the listen port a free one, and every path
/// a temporary prefix. What is proxied, and how, is the deployed file's.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    private const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;
    private readonly StringBuilder _errors = new();

    private NginxProcess(Process process, string prefix, Uri baseAddress)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = baseAddress;
        process.ErrorDataReceived += (_, e) => { lock (_errors) { _errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<NginxProcess> StartAsync(params Uri[] upstreams)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException("nginx is not installed: run ./test.sh, which installs it.");
        }

        var prefix = Directory.CreateTempSubdirectory("alerts-nginx-").FullName;
        var port = LoopbackPorts.Next();
        var config = Render(await File.ReadAllTextAsync(DeployFile("nginx.conf")), prefix, port, upstreams);
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = false };
        foreach (var argument in new[] { "-p", prefix, "-c", configPath, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var nginx = new NginxProcess(Process.Start(start) ?? throw new InvalidOperationException("nginx did not start."), prefix, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !nginx._process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var errors = nginx.Errors;
                await nginx.DisposeAsync();
                throw new InvalidOperationException($"nginx did not listen: {errors}");
            }
        }
    }

    /// <summary>The deployed configuration with loopback ports and a private prefix; nothing else changes.</summary>
    public static string Render(string config, string prefix, int port, IReadOnlyList<Uri> upstreams)
    {
        var servers = string.Join("\n", upstreams.Select(u => $"        server {u.Host}:{u.Port} max_fails=1 fail_timeout=5s;"));
        config = SecondNode().Replace(config, "");
        config = FirstNode().Replace(config, servers);
        config = config.Replace("listen 8080;", string.Create(CultureInfo.InvariantCulture, $"listen 127.0.0.1:{port};"), StringComparison.Ordinal)
            .Replace("/tmp/nginx", Path.Combine(prefix, "nginx"), StringComparison.Ordinal);
        // This machine caps a process at 20,000 files and forbids raising it: keep within that.
        config = RlimitLine().Replace(config, "");
        return WorkerConnections().Replace(config, "worker_connections 4096;");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static string DeployFile(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Alerts.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("Alerts.sln not found above the test binaries."), "deploy", name);
    }

    [GeneratedRegex(@"^ *server alerts-2:8080[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex SecondNode();

    [GeneratedRegex(@"^ *server alerts-1:8080[^\n]*", RegexOptions.Multiline)]
    private static partial Regex FirstNode();

    [GeneratedRegex(@"^worker_rlimit_nofile[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex RlimitLine();

    [GeneratedRegex(@"worker_connections \d+;")]
    private static partial Regex WorkerConnections();
}
