using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Server.Judgement;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace PushDispatch;

/// <summary>
/// Times the audience endpoint's device count in devices mode (from the per-profile counts) over N
/// registrations spread like a real readership, against the paging count over the same registry in the
/// same run. Nothing is sent.
/// </summary>
internal static class AudienceBenchmark
{
    private const int CallsPerFilter = 50;
    private static readonly string Filler = new('x', 152);
    private static readonly string[] Editions = ["en", "ar", "es"];
    private static readonly string[] Sections = ["world", "politics", "business", "sport", "tech", "science", "culture", "health"];
    private static readonly string[] Regions = ["europe", "americas", "africa", "middle-east", "asia", "oceania"];
    private static readonly Urgency[] Urgencies = [Urgency.Update, Urgency.Breaking, Urgency.Flash];
    private static readonly QuietHours[] QuietWindows =
        [new(new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/London"), new(new TimeOnly(23, 0), new TimeOnly(6, 30), "America/New_York"), new(new TimeOnly(0, 0), new TimeOnly(8, 0), "Asia/Dubai")];

    public static async Task RunAsync(int devices)
    {
        await using var redis = await RedisServerProcess.StartAsync("--appendonly", "no");
        var settings = new Dictionary<string, string?> { ["Alerts:Push:Mode"] = "devices" };
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, "aud" + Guid.NewGuid().ToString("N")[..8], settings: settings);
        Console.WriteLine($"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {devices:N0} devices, redis-server {redis.ConnectionString}");

        var registry = node.Services.GetRequiredService<DeviceRegistry>();
        await RegisterAsync(registry, devices);
        Console.WriteLine($"load average after registering: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var audience = node.Services.GetRequiredService<IDeviceAudience>();
        Console.WriteLine($"| filter ({audience.Mode} mode) | devices reached | median | max |");
        Console.WriteLine("|---|---|---|---|");
        Alert[] filters =
        [
            Probe("en", Urgency.Breaking, [], []),
            Probe("en", Urgency.Update, ["politics"], ["europe"]),
            Probe("ar", Urgency.Flash, ["world", "business"], ["middle-east", "africa"]),
            Probe("es", Urgency.Breaking, ["sport"], []),
        ];
        double? profileMedian = null;
        foreach (var filter in filters)
        {
            var (reached, median, max) = await TimeAsync(() => audience.CountAsync(filter, CancellationToken.None), CallsPerFilter);
            profileMedian ??= median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(filter)} | {reached:N0} | {median:F2} ms | {max:F2} ms |"));
        }

        // The paging count reads every registration of the edition: a few calls are enough to see its cost.
        var baseline = filters[0];
        var (pagedReached, pagedMedian, pagedMax) = await TimeAsync(() => registry.CountWantingAsync(baseline, CancellationToken.None), 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Describe(baseline)}, paging baseline (3 calls) | {pagedReached:N0} | {pagedMedian:F0} ms | {pagedMax:F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paging median / profile-count median: {pagedMedian / profileMedian!.Value:N0}x"));
    }

    private static async Task RegisterAsync(DeviceRegistry registry, int devices)
    {
        var started = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, devices).Chunk(5_000))
        {
            await Task.WhenAll(chunk.Select(i => registry.RegisterAsync(Spread(i), CancellationToken.None)));
        }

        Console.WriteLine($"registered {devices:N0} devices in {started.Elapsed.TotalSeconds:F1} s");
    }

    // Deterministic, uneven mix: most readers take the whole edition, the rest pick one to three sections
    // and at most two regions; a quarter keep quiet hours (which the count does not look at, as the dispatcher holds, not drops).
    private static DeviceRegistration Spread(int i)
    {
        var random = new Random(i);
        var edition = Editions[random.Next(10) switch { < 6 => 0, < 8 => 1, _ => 2 }];
        var picksTopics = random.Next(10) >= 5;
        string[] sections = picksTopics ? [.. Sections.OrderBy(_ => random.Next()).Take(random.Next(1, 4))] : [];
        string[] regions = picksTopics && random.Next(2) == 0 ? [.. Regions.OrderBy(_ => random.Next()).Take(random.Next(1, 3))] : [];
        var quiet = random.Next(4) == 0 ? QuietWindows[random.Next(QuietWindows.Length)] : null;
        return new DeviceRegistration($"{i:D7}:{Filler}", i % 2 == 0 ? "android" : "ios", edition, sections, regions,
            Urgencies[random.Next(Urgencies.Length)], quiet, DateTimeOffset.UtcNow);
    }

    private static async Task<(long Reached, double MedianMs, double MaxMs)> TimeAsync(Func<Task<long>> count, int calls)
    {
        var timings = new double[calls];
        long reached = 0;
        for (var call = 0; call < calls; call++)
        {
            var clock = Stopwatch.StartNew();
            reached = await count();
            timings[call] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(timings);
        return (reached, timings[calls / 2], timings[^1]);
    }

    private static Alert Probe(string edition, Urgency urgency, string[] sections, string[] regions) =>
        new()
        {
            Id = "audience-probe", Edition = edition, Headline = "Audience probe", Urgency = urgency, Sections = sections, Regions = regions,
            PublishedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        };

    private static string Describe(Alert filter) =>
        $"{filter.Edition}, {filter.Urgency.ToString().ToLowerInvariant()}, sections [{string.Join(", ", filter.Sections)}], regions [{string.Join(", ", filter.Regions)}]";
}
