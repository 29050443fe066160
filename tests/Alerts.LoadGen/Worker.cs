using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Alerts.LoadGen;

/// <summary>
/// One worker process: opens its share of the connections over its source addresses, reports
/// progress on stdout, keeps them alive, and answers <c>report</c> on stdin with what it saw.
/// A process holds at most 20,000 files here, so the coordinator starts several.
/// </summary>
internal static class Worker
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var hub = new Uri(args.String("hub", "http://127.0.0.1:5098/hubs/alerts"));
        var protocol = args.Protocol();
        var count = args.Int("connections", 50);
        var edition = args.String("edition", "en");
        var sources = args.String("sources", "127.0.0.1").Split(',').Select(IPAddress.Parse).ToArray();
        var recorder = new AlertRecorder(args.Int("alerts", 0));
        using var stop = new CancellationTokenSource();

        var connections = new ConcurrentQueue<LeanConnection>();
        var receivers = new ConcurrentBag<Task>();
        int connected = 0, failed = 0, dropped = 0;
        using var handshakes = new SemaphoreSlim(args.Int("handshakes", 64));
        // A refused connection is tried again this many times after a growing pause, as ticker.js does; 0 by default.
        var retries = args.Int("retries", 0);
        var retried = 0;
        var opening = Enumerable.Range(0, count).Select(async i =>
        {
            for (var attempt = 0; ; attempt++)
            {
                await handshakes.WaitAsync(stop.Token);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    var connection = await LeanConnection.OpenAsync(hub, sources[i % sources.Length], protocol, edition, timeout.Token);
                    connections.Enqueue(connection);
                    Interlocked.Increment(ref connected);
                    receivers.Add(ReceiveUntilClosedAsync(connection));
                    return;
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
                {
                    if (attempt >= retries)
                    {
                        if (Interlocked.Increment(ref failed) <= 3)
                        {
                            await Console.Error.WriteLineAsync($"worker: connection failed: {e.Message}");
                        }

                        return;
                    }

                    Interlocked.Increment(ref retried);
                }
                finally
                {
                    handshakes.Release();
                }

                await Task.Delay(TimeSpan.FromSeconds(attempt + 1) * (0.5 + Random.Shared.NextDouble()), stop.Token);
            }
        }).ToList();

        async Task ReceiveUntilClosedAsync(LeanConnection connection)
        {
            try
            {
                await connection.ReceiveAsync(recorder, stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                // Counted below unless we are the ones stopping.
            }

            if (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref dropped);
            }
        }

        var progress = ProgressAsync(() => string.Create(CultureInfo.InvariantCulture, $"{connected} {failed} {dropped} {recorder.Total}"), stop.Token);
        // Pinging starts with the first connection: opening 10,000 on a busy machine can take longer than a server's client timeout.
        var keepAlive = KeepAliveAsync(connections, stop.Token);
        await Task.WhenAll(opening);
        if (retried > 0)
        {
            await Console.Error.WriteLineAsync($"worker: {retried} connection attempts failed and were retried");
        }

        Console.WriteLine($"ready {connected} {failed}");

        while (await Console.In.ReadLineAsync(stop.Token) is { } command && command != "report")
        {
        }

        var report = recorder.Report(connected, failed, dropped);
        await stop.CancelAsync();
        Console.WriteLine("report " + JsonSerializer.Serialize(report, LoadGenJson.Default.WorkerReport));
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await Task.WhenAll([progress, keepAlive, .. receivers]).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return 0;
    }

    private static async Task ProgressAsync(Func<string> line, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default))
        {
            Console.WriteLine("progress " + line());
        }
    }

    /// <summary>
    /// A fifteenth of the connections each second: each pings every 15 s, as SignalR's own clients do,
    /// without a burst. The queue keeps its order, so a connection keeps its place in the rotation.
    /// </summary>
    private static async Task KeepAliveAsync(ConcurrentQueue<LeanConnection> connections, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var tick = 0; await timer.WaitForNextTickAsync(cancellationToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default); tick++)
        {
            var all = connections.ToArray();
            for (var i = tick % 15; i < all.Length; i += 15)
            {
                try
                {
                    await all[i].KeepAliveAsync(cancellationToken);
                }
                catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // A dropped connection is counted by its receiver.
                }
            }
        }
    }
}
