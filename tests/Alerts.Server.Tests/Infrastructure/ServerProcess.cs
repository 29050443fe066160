using System.Diagnostics;
using System.Net;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>The server as its own process (<c>dotnet Alerts.Server.dll</c>), for what only a real process shows: signals.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly System.Text.StringBuilder _output;
    private bool _disposed;

    private ServerProcess(Process process, Uri baseAddress, System.Text.StringBuilder output)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Process Process => _process;

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string> environment)
    {
        var port = LoopbackPorts.Next();
        var (process, output) = Launch(environment, port);
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), output);

        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var ready = await client.GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            // A first request to a cold process can outlast the client's timeout on a loaded machine: ask again.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            Assert.False(process.HasExited, $"The server exited with {(process.HasExited ? process.ExitCode : 0)} while starting.");
            Assert.True(DateTime.UtcNow < deadline, "The server was not ready within 30 seconds.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Runs the server until it exits by itself, for a start that must fail: its exit code and what it
    /// printed. Killed and reported as a failure if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        var (process, output) = Launch(environment, LoopbackPorts.Next());
        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"The server was still running after {timeout.TotalSeconds} s.\n{output}");
            }

            // The exit can come before the last lines of output were read.
            process.WaitForExit();
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
    }

    private static (Process Process, System.Text.StringBuilder Output) Launch(IDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll(), "--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>Sends SIGTERM, as Kubernetes and systemd do to stop a process.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The server's build output that matches this test build's configuration.</summary>
    private static string ServerDll()
    {
        var testBin = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = new DirectoryInfo(testBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Alerts.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Alerts.Server", "bin", configuration, "net10.0", "Alerts.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
    }
}
