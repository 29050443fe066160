using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Alerts.Core.Alerts;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.DependencyInjection;

namespace PushDispatch;

internal static class PushBenchmark
{
    // Real FCM registration tokens are about 160 characters; shorter ones would flatter memory and Redis.
    private static readonly string Filler = new('x', 152);

    public static async Task RunAsync(int devices, bool receipts)
    {
        await using var redis = await RedisServerProcess.StartAsync("--appendonly", "no");
        await using var fake = await FakeFcm.StartAsync();
        fake.KeepMessages = false;
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];

        Console.WriteLine($"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, {devices:N0} devices, redis-server {redis.ConnectionString}");
        Console.WriteLine("| rate limit | accepted | time to last accepted | sends/s | max in one second | CPU, server + fake (cores) | CPU, redis-server (cores) | peak working set | receipts sent / refused | report: received, share within 2 min |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var limit in new[] { 1_000_000, 10_000 })
        {
            var settings = fake.Settings();
            settings["Alerts:Push:Mode"] = "devices";
            settings["Alerts:Push:MessagesPerSecond"] = limit.ToString(CultureInfo.InvariantCulture);
            settings["Alerts:Push:PollInterval"] = "00:00:00.100";
            // Every simulated app reports from loopback: lift the per-address receipt limit.
            settings["Alerts:Push:ReceiptsPerMinute"] = "1000000";
            await using var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);
            if (limit == 1_000_000)
            {
                await RegisterAsync(node, devices);
            }

            Console.WriteLine(await MeasureAsync(node, fake, redis.ConnectionString, devices, limit, receipts));
        }
    }

    private static async Task<double> RedisCpuSecondsAsync(StackExchange.Redis.ConnectionMultiplexer probe)
    {
        var info = (await probe.GetServers()[0].InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture);
    }

    private static async Task RegisterAsync(AlertsNode node, int devices)
    {
        var registry = node.Services.GetRequiredService<DeviceRegistry>();
        var started = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, devices).Chunk(5_000))
        {
            await Task.WhenAll(chunk.Select(i => registry.RegisterAsync(
                new DeviceRegistration($"{i:D7}:{Filler}", i % 2 == 0 ? "android" : "ios", "en", [], [], Urgency.Update, null, DateTimeOffset.UtcNow),
                CancellationToken.None)));
        }

        Console.WriteLine($"registered {devices:N0} devices in {started.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<string> MeasureAsync(AlertsNode node, FakeFcm fake, string redis, int devices, int limit, bool withReceipts)
    {
        await using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis + ",allowAdmin=true");
        var redisCpuBefore = await RedisCpuSecondsAsync(probe);
        var process = Process.GetCurrentProcess();
        var before = fake.AcceptedCount;
        fake.AcceptedPerSecond.Clear();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        string alertId;
        using (var published = await node.Editor.PostAsJsonAsync("/api/v1/alerts", new { edition = "en", headline = $"Benchmark at {limit}/s", push = true, urgency = "breaking" }))
        {
            published.EnsureSuccessStatusCode();
            alertId = (await published.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("alert").GetProperty("id").GetString()!;
        }

        using var stopReceipts = new CancellationTokenSource();
        var receipts = new ReceiptLoad(node.Public, alertId, () => fake.AcceptedCount - before);
        var receiptRun = withReceipts ? receipts.RunAsync(stopReceipts.Token) : Task.CompletedTask;

        var stalledSince = clock.Elapsed;
        var last = before;
        while (fake.AcceptedCount - before < devices)
        {
            await Task.Delay(100);
            if (fake.AcceptedCount != last)
            {
                (last, stalledSince) = (fake.AcceptedCount, clock.Elapsed);
            }
            else if (clock.Elapsed - stalledSince > TimeSpan.FromSeconds(30))
            {
                break;
            }
        }

        var elapsed = clock.Elapsed;
        await stopReceipts.CancelAsync();
        await receiptRun;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / elapsed.TotalSeconds;
        var accepted = fake.AcceptedCount - before;
        var redisCpu = (await RedisCpuSecondsAsync(probe) - redisCpuBefore) / elapsed.TotalSeconds;
        var report = (await node.Editor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/alerts/{alertId}/delivery")).GetProperty("push").GetProperty("receipts");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {(limit >= 1_000_000 ? "lifted" : $"{limit:N0}/s")} | {accepted:N0} | {elapsed.TotalSeconds:F1} s | {accepted / elapsed.TotalSeconds:N0} | {fake.AcceptedPerSecond.Values.DefaultIfEmpty().Max():N0} | {cpu:F2} | {redisCpu:F2} | {process.PeakWorkingSet64 / 1024 / 1024:N0} MB | {receipts.Accepted:N0} / {receipts.Refused:N0} | {report.GetProperty("received").GetInt64():N0}, {(report.GetProperty("shareWithin2Minutes").ValueKind == System.Text.Json.JsonValueKind.Number ? report.GetProperty("shareWithin2Minutes").GetDouble() : 0):P1} |");
    }
}
