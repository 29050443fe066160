using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Alerts.LoadGen;

/// <summary>The coordinator's handle on one worker process: its latest progress line, readiness and report.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private WorkerProcess(Process process)
    {
        _process = process;
        _reading = ReadAsync();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public int Connected { get; private set; }

    public int Failed { get; private set; }

    public int Dropped { get; private set; }

    public long Received { get; private set; }

    public Task Ready => _ready.Task;

    public int Pid => _process.Id;

    public static WorkerProcess Start(IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("worker");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("A worker did not start."));
    }

    public async Task<WorkerReport> ReportAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("report".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var report = await _report.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await _reading;
        return report;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 2);
            switch (parts[0])
            {
                case "progress":
                    var numbers = parts[1].Split(' ').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
                    (Connected, Failed, Dropped, Received) = ((int)numbers[0], (int)numbers[1], (int)numbers[2], numbers[3]);
                    break;
                case "ready":
                    var counts = parts[1].Split(' ').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
                    (Connected, Failed) = (counts[0], counts[1]);
                    _ready.TrySetResult();
                    break;
                case "report":
                    _report.TrySetResult(JsonSerializer.Deserialize(parts[1], LoadGenJson.Default.WorkerReport)!);
                    break;
                default:
                    Console.Error.WriteLine(line);
                    break;
            }
        }

        _ready.TrySetException(new InvalidOperationException($"A worker exited before it was ready (exit code {(_process.HasExited ? _process.ExitCode : -1)})."));
        _report.TrySetException(new InvalidOperationException("A worker exited without a report."));
    }
}
