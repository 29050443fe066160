using System.Net.Http.Json;

namespace PushDispatch;

/// <summary>
/// Apps reporting receipts while the push is being sent: <see cref="PerSecond"/> a second through the
/// public endpoint, each for a device FCM already took a message for, each device once.
/// </summary>
internal sealed class ReceiptLoad(HttpClient client, string alertId, Func<long> sentSoFar)
{
    public const int PerSecond = 5_000;
    private const int MaxInFlight = 256;

    private long _accepted;
    private long _refused;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    public async Task RunAsync(CancellationToken stop)
    {
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var started = DateTime.UtcNow;
        var next = 0L;
        var sends = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var due = Math.Min((long)((DateTime.UtcNow - started).TotalSeconds * PerSecond), sentSoFar());
            for (; next < due; next++)
            {
                await inFlight.WaitAsync(CancellationToken.None);
                sends.Add(PostAsync(next, inFlight));
            }

            sends.RemoveAll(t => t.IsCompleted);
            await Task.Delay(10, CancellationToken.None);
        }

        await Task.WhenAll(sends);
    }

    private async Task PostAsync(long device, SemaphoreSlim inFlight)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/api/v1/receipts",
                new { alertId, @event = "received", platform = device % 2 == 0 ? "android" : "ios", installationId = $"device-{device}" });
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _accepted : ref _refused);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _refused);
        }
        finally
        {
            inFlight.Release();
        }
    }
}
