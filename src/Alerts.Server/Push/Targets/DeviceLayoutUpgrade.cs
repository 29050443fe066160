using System.Diagnostics;
using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Moves registrations stored by releases before the compact layout (a JSON record per token, the token again
/// in an edition set, an expiry set and a profile hash) into <see cref="StoredDevice"/>'s, once, before the
/// node serves: each is added unless the token registered anew meanwhile, then taken out of the old keys, so a
/// node stopped halfway continues on its next start and two nodes doing it at once count every device once.
/// </summary>
internal sealed class DeviceLayoutUpgrade(IConnectionMultiplexer redis, PushKeys keys, DeviceRegistry registry, ILogger<DeviceLayoutUpgrade> logger)
    : IHostedService
{
    private const int PerRound = 500;

    private static readonly string LegacyProfileMoveScript = EmbeddedScript.Load("push/legacy-profile-move.lua");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (!await database.KeyExistsAsync(keys.LegacyDeviceRecords).WaitAsync(cancellationToken))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var converted = 0L;
        while (true)
        {
            // What is converted leaves the hash, so each round reads from the start of what is left.
            var page = (RedisResult[])(await database.ExecuteAsync("HSCAN", keys.LegacyDeviceRecords, 0, "COUNT", PerRound).WaitAsync(cancellationToken))!;
            var entries = (RedisValue[])page[1]!;
            if (entries.Length == 0)
            {
                break;
            }

            for (var i = 0; i + 1 < entries.Length; i += 2)
            {
                await ConvertAsync(database, entries[i], entries[i + 1], cancellationToken);
                converted++;
            }
        }

        DeviceLayoutLog.Upgraded(logger, converted, Stopwatch.GetElapsedTime(started));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConvertAsync(IDatabase database, RedisValue token, RedisValue json, CancellationToken cancellationToken)
    {
        var device = Read(json);
        if (device is null)
        {
            DeviceLayoutLog.Unreadable(logger);
        }
        else
        {
            await registry.AddIfAbsentAsync(device, cancellationToken);
        }

        // The legacy profile count goes with the legacy entry: the new layout counted the device once already.
        await database.ScriptEvaluateAsync(LegacyProfileMoveScript, [keys.LegacyDeviceProfileOf, keys.DeviceProfileCounts], [token, ""])
            .WaitAsync(cancellationToken);
        var transaction = database.CreateTransaction();
        if (device is not null)
        {
            _ = transaction.SortedSetRemoveAsync(keys.LegacyDeviceIndex(device.Edition), token);
        }

        _ = transaction.SortedSetRemoveAsync(keys.LegacyDeviceExpiry, token);
        _ = transaction.HashDeleteAsync(keys.LegacyDeviceRecords, token);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
    }

    private static DeviceRegistration? Read(RedisValue json)
    {
        try
        {
            return JsonSerializer.Deserialize<DeviceRegistration>((string)json!, AlertsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
