using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Push.Targets;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Push.Targets;

/// <summary>How a registration is stored, on a Redis and on the embedded Garnet alike: the token once, and the layout before it converted at start.</summary>
public sealed class RegistrationLayoutTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly string Token = "layout-" + new string('T', 180) + ":APA91b";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "alerts-layout-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARegistrationKeepsItsTokenOnceInTheStore(bool embedded)
    {
        var prefix = RedisFixture.NewPrefix();
        await using var node = await StartAsync(embedded, prefix);
        await node.RegisterAsync(Token, extra: new { sections = new[] { "sports", "politics" }, quietHours = new { from = "23:00", to = "07:00", timeZone = "Europe/Madrid" } });

        var copies = await TokenCopiesAsync(node.Services.GetRequiredService<IConnectionMultiplexer>(), prefix);

        Assert.Equal(1, copies);
        var stored = await node.Services.GetRequiredService<DeviceRegistry>().FindAsync(Token, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["politics", "sports"], stored!.Sections);
        Assert.Equal(new QuietHours(new TimeOnly(23, 0), new TimeOnly(7, 0), "Europe/Madrid"), stored.QuietHours);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RegistrationsInTheLayoutBeforeAreConvertedAtStartAndCountedOnce(bool embedded)
    {
        var prefix = RedisFixture.NewPrefix();
        var older = new DeviceRegistration(Token, "android", "en", ["sports"], [], Urgency.Breaking, null, DateTimeOffset.UtcNow.AddDays(-1));
        var renewed = new DeviceRegistration("renewed-meanwhile", "ios", "ar", [], ["europe"], Urgency.Update, null, DateTimeOffset.UtcNow);
        await using (var before = await StartAsync(embedded, prefix))
        {
            var database = before.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            await WriteLegacyAsync(database, prefix, older);
            await WriteLegacyAsync(database, prefix, renewed with { Edition = "en", Regions = [] });
            // Registered again in the new layout while the old entry was still there: the new one wins.
            await before.Services.GetRequiredService<DeviceRegistry>().RegisterAsync(renewed, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        await using var node = await StartAsync(embedded, prefix);
        var registry = node.Services.GetRequiredService<DeviceRegistry>();
        var database2 = node.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

        var converted = await registry.FindAsync(Token, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(converted);
        Assert.Equal(
            (older.Platform, older.Edition, older.MinUrgency, older.RegisteredAt.ToUnixTimeMilliseconds()),
            (converted.Platform, converted.Edition, converted.MinUrgency, converted.RegisteredAt.ToUnixTimeMilliseconds()));
        Assert.Equal(["sports"], converted.Sections);
        Assert.Equal("ar", (await registry.FindAsync("renewed-meanwhile", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)))!.Edition);
        Assert.Equal(1, await registry.CountAsync("en", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await registry.CountAsync("ar", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var counts = (await database2.HashGetAllAsync($"{{{prefix}:devices}}:profiles").WaitAsync(TimeSpan.FromSeconds(10)))
            .ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(new Dictionary<string, long> { ["en|Breaking|sports|"] = 1, ["ar|Update||europe"] = 1 }, counts);
        foreach (var legacy in new[] { "records", "edition:en", "expiry", "profile-of" })
        {
            Assert.False(await database2.KeyExistsAsync($"{{{prefix}:devices}}:{legacy}").WaitAsync(TimeSpan.FromSeconds(10)), legacy);
        }

        var (page, cursor, _) = await registry.PageAsync("en", "", 10, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([Token], page.Select(d => d.Token));
        Assert.Empty((await registry.PageAsync("en", cursor!, 10, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10))).Devices);
    }

    private Task<AlertsNode> StartAsync(bool embedded, string prefix) =>
        AlertsNode.StartAsync(embedded ? null : redis.ConnectionString, prefix, embedded ? _dataDir : null);

    /// <summary>What releases before the compact layout wrote for a registration.</summary>
    private static async Task WriteLegacyAsync(IDatabase database, string prefix, DeviceRegistration device)
    {
        var devices = $"{{{prefix}:devices}}";
        var profile = DeviceProfile.Of(device).Field;
        await database.HashSetAsync($"{devices}:records", device.Token, JsonSerializer.Serialize(device, AlertsJson.Options)).WaitAsync(TimeSpan.FromSeconds(10));
        await database.SortedSetAddAsync($"{devices}:edition:{device.Edition}", device.Token, 0).WaitAsync(TimeSpan.FromSeconds(10));
        await database.SortedSetAddAsync($"{devices}:expiry", device.Token, device.RegisteredAt.AddDays(60).ToUnixTimeMilliseconds()).WaitAsync(TimeSpan.FromSeconds(10));
        await database.HashSetAsync($"{devices}:profile-of", device.Token, profile).WaitAsync(TimeSpan.FromSeconds(10));
        await database.HashIncrementAsync($"{devices}:profiles", profile).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>How many times the token is in the registry's hashes and sorted sets (fields, values, members).</summary>
    private static async Task<int> TokenCopiesAsync(IConnectionMultiplexer connection, string prefix)
    {
        var database = connection.GetDatabase();
        var registryKeys = new[] { "reg", "by-edition", "expires", "profiles", "records", "edition:en", "expiry", "profile-of" }
            .Select(name => (RedisKey)$"{{{prefix}:devices}}:{name}");
        var copies = 0;
        foreach (var key in registryKeys)
        {
            var type = await database.KeyTypeAsync(key).WaitAsync(TimeSpan.FromSeconds(10));
            IEnumerable<string> texts = type switch
            {
                RedisType.Hash => (await database.HashGetAllAsync(key).WaitAsync(TimeSpan.FromSeconds(10))).SelectMany(e => new[] { (string)e.Name!, (string)e.Value! }),
                RedisType.SortedSet => (await database.SortedSetRangeByRankAsync(key).WaitAsync(TimeSpan.FromSeconds(10))).Select(m => (string)m!),
                _ => [],
            };
            copies += texts.Sum(text => text.Split(Token).Length - 1);
        }

        return copies;
    }
}
