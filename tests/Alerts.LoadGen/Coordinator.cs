using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Alerts.LoadGen;

/// <summary>
/// The command itself: starts the workers, waits until every connection is subscribed, publishes,
/// waits until every client has every alert (or the drain timeout), then merges what the workers
/// saw with the server's CPU and memory into one result. Progress goes to stderr, the JSON to
/// stdout (and <c>--out</c>).
/// </summary>
internal static class Coordinator
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var hub = new Uri(args.String("hub", "http://127.0.0.1:5098/hubs/alerts"));
        var connections = args.Int("connections", 50);
        var workerCount = args.Int("workers", Math.Max(1, (connections + 9_999) / 10_000));
        var sources = Enumerable.Range(2, args.Int("sources", 4)).Select(i => $"127.0.0.{i}").ToArray();
        var alerts = args.Int("alerts", 10);
        var rate = args.Double("rate", 10);
        var settle = TimeSpan.FromSeconds(args.Double("settle", 0));
        var drain = TimeSpan.FromSeconds(args.Double("drain", 15));
        var servers = (args.Optional("server-pid") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new ProcessSampler(int.Parse(p, CultureInfo.InvariantCulture))).ToArray();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(args.Double("timeout", 600)));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var startedAt = DateTime.UtcNow;
        var before = servers.Select(s => s.Sample()).ToArray();
        var workers = Enumerable.Range(0, workerCount).Select(w => WorkerProcess.Start(
        [
            "--hub", hub.ToString(), "--protocol", args.String("protocol", "signalr"), "--edition", args.String("edition", "en"),
            "--connections", Share(connections, workerCount, w).ToString(CultureInfo.InvariantCulture),
            "--sources", string.Join(',', sources), "--alerts", alerts.ToString(CultureInfo.InvariantCulture),
            "--handshakes", args.String("handshakes", "64"), "--retries", args.String("retries", "0"),
        ])).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            await WithProgressAsync(Task.WhenAll(workers.Select(w => w.Ready)), () =>
                $"connecting  {workers.Sum(w => w.Connected)}/{connections} ({workers.Sum(w => w.Connected) / clock.Elapsed.TotalSeconds:F0}/s), failed {workers.Sum(w => w.Failed)}{ServerLine(servers)}", cancel.Token);
            var connectSeconds = clock.Elapsed.TotalSeconds;
            var connected = workers.Sum(w => w.Connected);
            var afterConnect = servers.Select(s => s.Sample()).ToArray();
            Progress($"connected   {connected}/{connections} in {connectSeconds:F1} s ({connected / connectSeconds:F0}/s), failed {workers.Sum(w => w.Failed)}{ServerLine(servers)}");

            if (settle > TimeSpan.Zero)
            {
                await WithProgressAsync(Task.Delay(settle, cancel.Token), () => $"idle        {workers.Sum(w => w.Connected - w.Dropped)} connections{ServerLine(servers)}", cancel.Token);
            }

            var idle = servers.Select(s => s.Sample()).ToArray();
            using var publisher = new Publisher(new Uri(args.String("ingest", $"{hub.Scheme}://{hub.Authority}/")), args.String("key", "secret"), args.String("edition", "en"), args.Int("concurrency", 16));
            await publisher.WarmUpAsync(alerts == 0 ? 0 : args.Int("warmup", 3), cancel.Token);
            // The runtime compiles the hot paths again, optimised, in the background a moment after they get hot;
            // measured before that, a server's CPU per message is partly its compiler's.
            await Task.Delay(TimeSpan.FromSeconds(args.Double("warmup-pause", 0.5)), cancel.Token);
            // A server may still be writing the warm-up to its clients (the floor has no queue to merge frames in):
            // measured then, its figures are the warm-up's. Wait until every server is nearly idle again.
            await UntilServersIdleAsync(servers, args.Double("idle-percent", 25), cancel.Token);
            var publishStart = servers.Select(s => s.Sample()).ToArray();
            var clientSamplers = workers.Select(w => new ProcessSampler(w.Pid)).ToArray();
            var clientsAtPublish = clientSamplers.Select(s => s.Sample()).ToArray();
            long expected = (long)connected * alerts;
            var published = 0;
            clock.Restart();
            var posting = publisher.PublishAsync(alerts, rate, n => published = n, cancel.Token);
            await WithProgressAsync(posting, () => $"publishing  {published}/{alerts} posted, {workers.Sum(w => w.Received)}/{expected} received{ServerLine(servers)}", cancel.Token);
            var publishSeconds = clock.Elapsed.TotalSeconds;
            var postedAt = await posting;
            expected = (long)connected * publisher.Completed;
            var drained = WaitUntilAsync(() => workers.Sum(w => w.Received) >= expected, drain, cancel.Token);
            await WithProgressAsync(drained, () => $"draining    {workers.Sum(w => w.Received)}/{expected} received{ServerLine(servers)}", cancel.Token);
            var end = servers.Select(s => s.Sample()).ToArray();
            var clientCpuSeconds = clientSamplers.Select((s, i) => s.Sample().CpuSeconds - clientsAtPublish[i].CpuSeconds).Sum();

            var reports = await Task.WhenAll(workers.Select(w => w.ReportAsync(cancel.Token)));
            var result = Summarise(args, hub, startedAt, workers.Count, connections, connectSeconds, alerts, rate, publishSeconds, publisher, postedAt, expected, reports, clientCpuSeconds,
                servers.Select((s, i) => Server(s.Pid, before[i], afterConnect[i], idle[i], publishStart[i], end[i], connected / Math.Max(1, servers.Length))).ToArray());
            Report(result);
            var json = JsonSerializer.Serialize(result, LoadGenJson.Default.LoadResult);
            if (args.Optional("out") is { } path)
            {
                await File.WriteAllTextAsync(path, json + "\n", cancel.Token);
            }

            Console.WriteLine(json);
            return result.Received == result.Expected && result.ConnectFailed == 0 ? 0 : 2;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    /// <summary>Waits, at most a minute, until no server used more than <paramref name="percent"/> % of a core over a second.</summary>
    private static async Task UntilServersIdleAsync(ProcessSampler[] servers, double percent, CancellationToken cancellationToken)
    {
        for (var second = 0; second < 60; second++)
        {
            var before = servers.Select(s => s.Sample()).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            if (servers.Select((s, i) => s.Sample().CpuPercentSince(before[i])).All(busy => busy <= percent))
            {
                return;
            }
        }
    }

    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private static ServerResult Server(int pid, ProcessSample before, ProcessSample connected, ProcessSample idle, ProcessSample publishStart, ProcessSample end, int connections)
    {
        const double Mb = 1024 * 1024;
        return new ServerResult(
            pid,
            Math.Round(before.RssBytes / Mb, 1),
            Math.Round(connected.RssBytes / Mb, 1),
            Math.Round(idle.RssBytes / Mb, 1),
            Math.Round(end.RssBytes / Mb, 1),
            connections == 0 ? 0 : Math.Round((idle.RssBytes - before.RssBytes) / (double)connections),
            connected.CpuPercentSince(before),
            idle.At > connected.At.AddSeconds(1) ? idle.CpuPercentSince(connected) : 0,
            end.CpuPercentSince(publishStart),
            Math.Round(end.CpuSeconds - publishStart.CpuSeconds, 2));
    }

    private static LoadResult Summarise(
        Arguments args, Uri hub, DateTime startedAt, int workers, int connections, double connectSeconds, int alerts, double rate, double publishSeconds,
        Publisher publisher, long[] postedAt, long expected, WorkerReport[] reports, double clientCpuSeconds, ServerResult[] servers)
    {
        var delivery = new LatencyHistogram();
        foreach (var report in reports)
        {
            delivery.Add(LatencyHistogram.FromSparse(report.Histogram, report.MaxMicros));
        }

        var lastClient = new LatencyHistogram();
        long windowEnd = 0;
        for (var i = 0; i < alerts; i++)
        {
            var latest = reports.Max(r => r.LatestMicrosPerAlert[i]);
            if (reports.Sum(r => r.ReceivedPerAlert[i]) > 0)
            {
                lastClient.Record(latest);
                windowEnd = Math.Max(windowEnd, postedAt[i] + latest);
            }
        }

        var received = reports.Sum(r => r.Received);
        var window = alerts > 0 && windowEnd > 0 ? (windowEnd - postedAt.Where(p => p > 0).DefaultIfEmpty(windowEnd).Min()) / 1e6 : 0;
        var connected = reports.Sum(r => r.Connected);
        return new LoadResult(
            args.String("label", "run"),
            args.String("protocol", "signalr"),
            hub.ToString(),
            Machine(),
            startedAt,
            workers,
            connections,
            connected,
            reports.Sum(r => r.Failed),
            reports.Sum(r => r.Dropped),
            Math.Round(connectSeconds, 2),
            Math.Round(connected / Math.Max(0.001, connectSeconds)),
            alerts,
            publisher.Completed,
            publisher.Failed,
            rate,
            Math.Round(publishSeconds, 3),
            Math.Round(publisher.Completed / Math.Max(0.001, publishSeconds), 1),
            Quantiles.Of(publisher.Latency),
            expected,
            received,
            window > 0 ? Math.Round(received / window) : 0,
            Quantiles.Of(delivery),
            Quantiles.Of(lastClient),
            received == 0 ? 0 : Math.Round(servers.Sum(s => s.CpuPublishSeconds) * 1e6 / received, 2),
            received == 0 ? 0 : Math.Round(clientCpuSeconds * 1e6 / received, 2),
            servers);
    }

    private static void Report(LoadResult result)
    {
        Progress($"connections {result.Connected}/{result.ConnectionsRequested} ({result.ConnectionsPerSecond}/s), failed {result.ConnectFailed}, dropped {result.Dropped}");
        Progress($"ingest      {result.AlertsPosted} posted ({result.PostsFailed} failed), {result.IngestAlertsPerSecond}/s; {result.IngestLatency}");
        Progress($"delivery    {result.Received}/{result.Expected} received, {result.DeliveredPerSecond}/s; {result.Delivery}");
        Progress($"last client {result.LastClient}");
        Progress($"CPU         server {result.ServerCpuMicrosPerDelivery} µs, clients {result.ClientCpuMicrosPerDelivery} µs per delivered message");
        foreach (var server in result.Servers)
        {
            Progress($"server {server.Pid}  rss {server.RssBeforeMb} → {server.RssIdleMb} → {server.RssEndMb} MB ({server.IdleBytesPerConnection} B/conn idle), cpu {server.CpuConnectPercent}% connecting, {server.CpuIdlePercent}% idle, {server.CpuPublishPercent}% publishing");
        }
    }

    private static string ServerLine(ProcessSampler[] servers) =>
        string.Concat(servers.Select(s =>
        {
            var sample = s.Sample();
            return $" | server {s.Pid} rss {sample.RssBytes / (1024 * 1024)} MB";
        }));

    private static async Task WithProgressAsync(Task work, Func<string> line, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!work.IsCompleted)
            {
                Progress(line());
            }
        }

        await work;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < timeout)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static void Progress(string line) =>
        Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");

    private static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{Environment.ProcessorCount} cores, {cpu}, {long.Parse(memKb, CultureInfo.InvariantCulture) / (1024 * 1024)} GiB";
    }
}
