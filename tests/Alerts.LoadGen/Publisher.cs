using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Alerts.LoadGen;

/// <summary>
/// Posts alerts through the ingest API, each stamped with its post time: at a steady rate, or as a
/// burst (rate 0) with a bounded number in flight. Records each post's time and its 201 latency.
/// </summary>
internal sealed class Publisher(Uri ingest, string key, string edition, int concurrency) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = ingest,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public LatencyHistogram Latency { get; } = new();

    public int Failed { get; private set; }

    public int Completed { get; private set; }

    public async Task<long[]> PublishAsync(int count, double rate, Action<int> onProgress, CancellationToken cancellationToken)
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var postedAt = new long[count];
        using var inFlight = new SemaphoreSlim(concurrency);
        var posts = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }

            await inFlight.WaitAsync(cancellationToken);
            posts.Add(PostAsync(i, postedAt, inFlight, onProgress, cancellationToken));
        }

        await Task.WhenAll(posts);
        return postedAt;
    }

    /// <summary>Unstamped posts, so the first measured ones do not pay for JIT and connection set-up.</summary>
    public async Task WarmUpAsync(int count, CancellationToken cancellationToken)
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < count; i++)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["edition"] = edition, ["headline"] = $"Load test warm-up {i}" });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync("api/v1/alerts", content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task PostAsync(int index, long[] postedAt, SemaphoreSlim inFlight, Action<int> onProgress, CancellationToken cancellationToken)
    {
        try
        {
            var micros = Clock.NowMicros();
            postedAt[index] = micros;
            var body = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["edition"] = edition,
                ["headline"] = AlertMarker.Headline(micros, index),
                ["url"] = $"https://news.example/live/{index}",
            });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync("api/v1/alerts", content, cancellationToken);
            var done = Clock.NowMicros();
            lock (Latency)
            {
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    Latency.Record(done - micros);
                    Completed++;
                }
                else
                {
                    Failed++;
                }

                onProgress(Completed + Failed);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            lock (Latency)
            {
                Failed++;
            }
        }
        finally
        {
            inFlight.Release();
        }
    }
}
