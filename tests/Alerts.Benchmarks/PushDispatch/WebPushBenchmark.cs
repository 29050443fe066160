using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Alerts;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.WebPush;
using Alerts.Server.WebPush;
using Microsoft.Extensions.DependencyInjection;

namespace PushDispatch;

/// <summary>
/// One flash alert to N Web Push subscriptions through the real outbox, outlet, encryption and client, to the
/// tests' fake push service on https loopback (counting, not judging), beside the floor measured alone in the
/// same process between the sends: per send one ECDH + HKDF + AES-GCM (<see cref="WebPushEncryption"/>) and one
/// ES256 signature, no HTTP. Both are per CPU-second of this process, so the ratio holds on a busy machine.
/// </summary>
internal static class WebPushBenchmark
{
    private const int Keys = 1_000;
    private static readonly TimeSpan FloorDuration = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(int subscriptions, int rounds)
    {
        await using var redis = await RedisServerProcess.StartAsync("--appendonly", "no");
        await using var service = await FakePushService.StartAsync();
        service.Judging = false;
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:WebPush:AllowedHosts:0"] = "127.0.0.1",
            ["Alerts:WebPush:PollInterval"] = "00:00:00.050",
        };
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..8], settings: settings, services: services =>
            services.AddHttpClient(WebPushClient.ClientName).ConfigurePrimaryHttpMessageHandler(service.TrustingHandler));
        var browsers = Enumerable.Range(0, Keys).Select(_ => service.Subscribe()).ToList();
        await RegisterAsync(node, service, browsers, subscriptions);

        Console.WriteLine($"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {subscriptions:N0} subscriptions, load average {LoadAverage()}");
        Console.WriteLine("| round | what | messages | wall time | per second | CPU (cores) | per CPU-second | ratio to the floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var payload = new byte[360];
        RandomNumberGenerator.Fill(payload);
        for (var round = 1; round <= rounds; round++)
        {
            var floor = Floor(browsers, payload);
            Console.WriteLine(Row(round, "floor (crypto only, 1 thread)", floor, null));
            var send = await SendAsync(node, service, subscriptions, round);
            Console.WriteLine(Row(round, "send (outbox → push service)", send, floor.PerCpuSecond));
        }
    }

    private static async Task RegisterAsync(AlertsNode node, FakePushService service, IReadOnlyList<FakeSubscription> browsers, int subscriptions)
    {
        var registry = node.Services.GetRequiredService<WebPushRegistry>();
        var started = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, subscriptions).Chunk(5_000))
        {
            await Task.WhenAll(chunk.Select(i =>
            {
                var browser = browsers[i % browsers.Count];
                var subscription = new WebPushSubscription(
                    new Uri(service.Origin, $"/push/b{i}").ToString(), Base64Url.EncodeToString(browser.PublicKey), Base64Url.EncodeToString(browser.Auth));
                return registry.RegisterAsync(
                    new WebPushDevice(new DeviceRegistration(subscription.Id, "web", "en", [], [], Urgency.Update, null, DateTimeOffset.UtcNow), subscription),
                    CancellationToken.None);
            }));
        }

        Console.WriteLine($"registered {subscriptions:N0} subscriptions ({browsers.Count:N0} distinct key pairs) in {started.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>What one core does per send with no HTTP: encrypt for the subscription's keys, and sign a VAPID token.</summary>
    private static Measure Floor(IReadOnlyList<FakeSubscription> browsers, byte[] payload)
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keys = browsers.Select(b => (b.PublicKey, b.Auth)).ToList();
        var signingInput = Encoding.ASCII.GetBytes(new string('x', 180));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0L;
        while (clock.Elapsed < FloorDuration)
        {
            var (publicKey, auth) = keys[(int)(count % keys.Count)];
            _ = WebPushEncryption.Encrypt(payload, publicKey, auth);
            _ = signer.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            count++;
        }

        process.Refresh();
        return new Measure(count, clock.Elapsed, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static async Task<Measure> SendAsync(AlertsNode node, FakePushService service, int subscriptions, int round)
    {
        var process = Process.GetCurrentProcess();
        var before = service.CountedCount;
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using (var published = await node.Editor.PostAsJsonAsync("/api/v1/alerts", new { edition = "en", headline = $"Web Push benchmark, round {round}", push = true, urgency = "flash" }))
        {
            published.EnsureSuccessStatusCode();
        }

        var (last, stalledSince) = (before, clock.Elapsed);
        while (service.CountedCount - before < subscriptions && clock.Elapsed - stalledSince < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
            if (service.CountedCount != last)
            {
                (last, stalledSince) = (service.CountedCount, clock.Elapsed);
            }
        }

        var elapsed = clock.Elapsed;
        process.Refresh();
        return new Measure(service.CountedCount - before, elapsed, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static string Row(int round, string what, Measure measure, double? floorPerCpuSecond) => string.Create(CultureInfo.InvariantCulture,
        $"| {round} | {what} | {measure.Count:N0} | {measure.Elapsed.TotalSeconds:F1} s | {measure.Count / measure.Elapsed.TotalSeconds:N0} | {measure.CpuSeconds / measure.Elapsed.TotalSeconds:F2} | {measure.PerCpuSecond:N0} | {(floorPerCpuSecond is { } floor ? $"{measure.PerCpuSecond / floor:F2}×" : "")} |");

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Measure(long Count, TimeSpan Elapsed, double CpuSeconds)
    {
        public double PerCpuSecond => Count / CpuSeconds;
    }
}
