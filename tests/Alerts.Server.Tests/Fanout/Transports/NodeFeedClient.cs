using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>
/// An official JavaScript client run by Node.js (feed-client.js beside this file): @microsoft/signalr
/// from the web client's packages, or npm's eventsource from the syndication tests' own. Commands go
/// to it as JSON lines and are answered by id; the frames it receives come back the same way.
/// </summary>
public sealed class NodeFeedClient : FeedClient
{
    private static readonly string Script = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Fanout", "Transports", "feed-client.js");
    private static readonly string EventSourcePackages = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Syndication", "eventsource-client");
    private static readonly SemaphoreSlim Installing = new(1, 1);

    private readonly Process _process;
    private readonly string _mode;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _pending = new();
    private readonly ConcurrentQueue<string> _complaints = new();
    private int _lastId;

    private NodeFeedClient(string mode, Uri baseAddress)
    {
        _mode = mode;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Script, mode, baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        // What `npm install` would give a reader: the web client's @microsoft/signalr, the syndication tests' pinned eventsource.
        start.Environment["NODE_PATH"] = string.Join(
            Path.PathSeparator, Path.Combine(EventSourcePackages, "node_modules"), RepositoryRoot.Combine("src", "Alerts.Server", "Web", "ClientApp", "node_modules"));
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _complaints.Enqueue(e.Data); } };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"feed-client.js {mode} exited. {Complaints}"));
        _process.EnableRaisingEvents = true;
    }

    protected override string Complaints => $"feed-client.js {_mode} said: {string.Join('\n', _complaints)}";

    public static async Task<FeedClient> StartAsync(string mode, AlertsNode node)
    {
        await EnsureEventSourceInstalledAsync();
        var client = new NodeFeedClient(mode, node.BaseAddress);
        client._process.Start();
        client._process.BeginOutputReadLine();
        client._process.BeginErrorReadLine();
        try
        {
            await client._ready.Task.WaitAsync(Timeout);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        return client;
    }

    public override Task SubscribeAsync(string edition, long? afterSeq = null) =>
        afterSeq is not null && _mode == "eventsource"
            ? throw new NotSupportedException("A stream starts from a whole position (Last-Event-ID) or from the ticker.")
            : RunAsync("subscribe", edition, afterSeq);

    public override Task ResumeAsync(string edition, long afterSeq, string epoch) => RunAsync("resume", edition, afterSeq, epoch);

    public override Task UnsubscribeAsync(string edition) => RunAsync("unsubscribe", edition);

    public override async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Its end of input ends the script; a script that hangs is killed.
            _process.StandardInput.Close();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>The syndication tests install eventsource on first use too; this waits for theirs or runs its own, never both at once here.</summary>
    private static async Task EnsureEventSourceInstalledAsync()
    {
        Assert.True(await Installing.WaitAsync(TimeSpan.FromMinutes(2)), "Another client's npm ci ran for over two minutes.");
        try
        {
            if (!Directory.Exists(Path.Combine(EventSourcePackages, "node_modules", "eventsource")))
            {
                (await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], EventSourcePackages, TimeSpan.FromMinutes(2))).AssertSucceeded("npm ci");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private async Task RunAsync(string op, string edition, long? afterSeq = null, string? epoch = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        var command = JsonSerializer.Serialize(new { id, op, edition, afterSeq, epoch });
        lock (_process)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
        }

        try
        {
            await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{command} was not answered within {Timeout}. {Complaints}");
        }
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var message = JsonDocument.Parse(line).RootElement;
        switch (message.GetProperty("kind").GetString())
        {
            case "ready":
                _ready.TrySetResult();
                break;
            case "failed":
                _ready.TrySetException(new InvalidOperationException($"feed-client.js {_mode} could not connect: {message.GetProperty("error").GetString()}"));
                break;
            case "alert":
                Receive(false, message.GetProperty("data"));
                break;
            case "reset":
                Receive(true, message.GetProperty("data"));
                break;
            case "done" when _pending.TryRemove(message.GetProperty("id").GetInt32(), out var done):
                if (message.TryGetProperty("error", out var error))
                {
                    done.TrySetException(new InvalidOperationException(error.GetString()));
                }
                else
                {
                    done.TrySetResult();
                }

                break;
        }
    }
}
