using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Alerts.Server.Tests.Scale;

/// <summary>
/// An editor's desk under a steady rate of posts, each with its own <c>Idempotency-Key</c>, retried with
/// the same key after a <c>503</c> as the contract tells clients to. Records every answer and when it came.
/// </summary>
public sealed class SteadyPoster(HttpClient editor, string edition, int perSecond)
{
    /// <summary>How long one post keeps retrying before the test gives up on it.</summary>
    private static readonly TimeSpan PostDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentBag<Task> _posts = [];
    private int _started;

    /// <summary>Each post's key and the alert its <c>201</c> named.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new();

    /// <summary>Every answer: when (stopwatch ticks), the status, and whether a 503 carried <c>Retry-After</c>.</summary>
    public ConcurrentQueue<(long At, HttpStatusCode Status, bool RetryAfter)> Answers { get; } = new();

    public int Started => Volatile.Read(ref _started);

    /// <summary>Posts until <paramref name="stop"/>; then waits for every post still retrying to end.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            _posts.Add(PostUntilAcceptedAsync($"steady-{Guid.NewGuid():N}", i));
            Interlocked.Increment(ref _started);
            var next = interval * (i + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, CancellationToken.None);
            }
        }

        await Task.WhenAll(_posts).WaitAsync(PostDeadline + TimeSpan.FromSeconds(30));
    }

    /// <summary>The first 201 answered after <paramref name="since"/> (stopwatch ticks), or null.</summary>
    public TimeSpan? FirstAcceptedAfter(long since)
    {
        var first = Answers.Where(a => a.At >= since && a.Status == HttpStatusCode.Created).Select(a => a.At).DefaultIfEmpty(-1).Min();
        return first < 0 ? null : Stopwatch.GetElapsedTime(since, first);
    }

    /// <summary>From the first refused post to the last one, or zero when none was refused.</summary>
    public TimeSpan RefusalSpan()
    {
        var refused = Answers.Where(a => a.Status != HttpStatusCode.Created).Select(a => a.At).ToList();
        return refused.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(refused.Min(), refused.Max());
    }

    private async Task PostUntilAcceptedAsync(string key, int number)
    {
        var body = JsonSerializer.Serialize(new { edition, headline = $"Steady line {number}" });
        var deadline = DateTime.UtcNow + PostDeadline;
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Api.Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            HttpResponseMessage response;
            try
            {
                response = await editor.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // No answer (the connection broke, or the client gave up waiting): a real desk retries with the same key.
                Answers.Enqueue((Stopwatch.GetTimestamp(), 0, false));
                await Task.Delay(500);
                continue;
            }

            using (response)
            {
                Answers.Enqueue((Stopwatch.GetTimestamp(), response.StatusCode, response.Headers.RetryAfter is not null));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Accepted[key] = created.RootElement.GetProperty("alert").GetProperty("id").GetString()!;
                    return;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    // Anything else is a failure the test reports; retrying would hide it.
                    return;
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
        }
    }
}
