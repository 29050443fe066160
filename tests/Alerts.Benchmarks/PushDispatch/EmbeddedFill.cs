using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Server.Push;
using Alerts.Server.Push.Targets;
using Alerts.Server.Hosting;
using Alerts.Server.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PushDispatch;

/// <summary>
/// Fills an embedded data directory with N registrations in the registry's own layout (<see cref="StoredDevice"/>,
/// the edition and expiry indexes, the profile counts), written in bulk: the public endpoint under the shared
/// machine's load registers ~100 a second, which would take hours for a million. What is stored is what the
/// registration script stores; the sweep that expires them afterwards is the server's own.
/// </summary>
internal static class EmbeddedFill
{
    private const int PerBatch = 500;
    private static readonly string[] Editions = ["en", "ar", "es"];
    private static readonly Random Random = new(20);

    public static async Task RunAsync(int count, string dataDir, TimeSpan ttl)
    {
        var started = Stopwatch.GetTimestamp();
        // The embedded Garnet alone, as the server starts it: the whole server beside a bulk load timed out its
        // own background work (3 s) on the shared machine and stopped.
        using var loggers = LoggerFactory.Create(_ => { });
        using var garnet = new EmbeddedGarnet(dataDir, new EmbeddedStoreOptions(), loggers);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{garnet.ConnectionString},syncTimeout=120000,asyncTimeout=120000");
        var keys = new PushKeys(Options.Create(new RedisOptions()));
        var database = redis.GetDatabase();
        var now = DateTimeOffset.UtcNow;
        var expiresAt = (now + ttl).ToUnixTimeMilliseconds();
        var pending = new List<Task>();
        var profiles = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var done = 0; done < count; done += PerBatch)
        {
            var devices = Enumerable.Range(done, Math.Min(PerBatch, count - done)).Select(i => new DeviceRegistration(
                Token(), "android", Editions[i % Editions.Length], ["politics", "sports"], ["europe"], Urgency.Breaking,
                new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0), "Europe/Madrid"), now)).ToList();
            var ids = devices.Select(d => StoredDevice.Id(d.Token)).ToList();
            pending.Add(database.HashSetAsync(keys.DeviceRecords, [.. devices.Select((d, i) => new HashEntry(ids[i], StoredDevice.Encode(d)))]));
            pending.Add(database.SortedSetAddAsync(keys.DeviceEditions, [.. devices.Select((d, i) => new SortedSetEntry($"{d.Edition}/{ids[i]}", 0))]));
            pending.Add(database.SortedSetAddAsync(keys.DeviceExpiries, [.. ids.Select(id => new SortedSetEntry(id, expiresAt))]));
            foreach (var device in devices)
            {
                var field = DeviceProfile.Of(device).Field;
                profiles[field] = profiles.GetValueOrDefault(field) + 1;
            }

            // One batch at a time: the node's own background work shares the connection and times out after 3 s.
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(5));
            pending.Clear();
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(5));
        await Task.WhenAll(profiles.Select(p => database.HashIncrementAsync(keys.DeviceProfileCounts, p.Key, p.Value))).WaitAsync(TimeSpan.FromMinutes(1));
        var registry = new DeviceRegistry(redis, keys, Options.Create(new PushOptions { RegistrationTtl = ttl }));
        foreach (var edition in Editions)
        {
            Console.WriteLine($"{edition}: {await registry.CountAsync(edition, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1))} registered");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} registrations in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }

    // The shape of an FCM registration token: 152 characters, ':APA91b', 21 more.
    private static string Token()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        return string.Concat(Enumerable.Range(0, 152).Select(_ => Alphabet[Random.Next(Alphabet.Length)]))
            + ":APA91b" + string.Concat(Enumerable.Range(0, 21).Select(_ => Alphabet[Random.Next(52)]));
    }
}
