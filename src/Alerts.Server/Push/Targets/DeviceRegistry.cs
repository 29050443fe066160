using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Registered devices in Redis: one hash of registrations, and per edition a lexically ordered set of
/// tokens that push jobs walk from a cursor token, so a resumed job continues where it stopped.
/// Registrations expire <see cref="PushOptions.RegistrationTtl"/> after they were last made (see <see cref="RegistrationSweeper"/>).
/// </summary>
internal sealed class DeviceRegistry(IConnectionMultiplexer redis, PushKeys keys, IOptions<PushOptions> options)
{
    private static readonly string ProfileMoveScript = EmbeddedScript.Load("push/profile-move.lua");

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Stores the registration; returns the one it replaced, if any.</summary>
    public async Task<DeviceRegistration?> RegisterAsync(DeviceRegistration device, CancellationToken cancellationToken)
    {
        var previous = await FindAsync(device.Token, cancellationToken);
        var transaction = Database.CreateTransaction();
        if (previous is not null && previous.Edition != device.Edition)
        {
            _ = transaction.SortedSetRemoveAsync(keys.DeviceIndex(previous.Edition), device.Token);
        }

        _ = transaction.SortedSetAddAsync(keys.DeviceIndex(device.Edition), device.Token, 0);
        _ = transaction.HashSetAsync(keys.DeviceRecords, device.Token, JsonSerializer.Serialize(device, AlertsJson.Options));
        _ = transaction.SortedSetAddAsync(keys.DeviceExpiry, device.Token, ExpiresAt(device).ToUnixTimeMilliseconds());
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await MoveProfileAsync(device.Token, DeviceProfile.Of(device).Field, cancellationToken);
        return previous;
    }

    /// <summary>Forgets the device; returns what was registered, if anything.</summary>
    public async Task<DeviceRegistration?> RemoveAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } device)
        {
            return null;
        }

        var transaction = Database.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(keys.DeviceIndex(device.Edition), token);
        _ = transaction.HashDeleteAsync(keys.DeviceRecords, token);
        _ = transaction.SortedSetRemoveAsync(keys.DeviceExpiry, token);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await MoveProfileAsync(token, "", cancellationToken);
        return device;
    }

    /// <summary>When the registration lapses unless the app registers again.</summary>
    public DateTimeOffset ExpiresAt(DeviceRegistration device) => device.RegisteredAt + options.Value.RegistrationTtl;

    /// <summary>Up to <paramref name="count"/> tokens whose registrations expired by <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var expired = await Database.SortedSetRangeByScoreAsync(keys.DeviceExpiry, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: count)
            .WaitAsync(cancellationToken);
        return expired.Select(t => (string)t!).ToList();
    }

    /// <summary>Forgets the device if its registration has expired by <paramref name="now"/> (it may have been renewed since it was listed).</summary>
    public async Task<DeviceRegistration?> RemoveIfExpiredAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var device = await FindAsync(token, cancellationToken);
        if (device is not null && ExpiresAt(device) > now)
        {
            return null;
        }

        if (device is null)
        {
            await Database.SortedSetRemoveAsync(keys.DeviceExpiry, token).WaitAsync(cancellationToken);
            return null;
        }

        return await RemoveAsync(token, cancellationToken);
    }

    /// <summary>Registered devices of the edition.</summary>
    public Task<long> CountAsync(string edition, CancellationToken cancellationToken) =>
        Database.SortedSetLengthAsync(keys.DeviceIndex(edition)).WaitAsync(cancellationToken);

    /// <summary>Registered devices that want <paramref name="alert"/>: read page by page, so its cost grows with the edition's registry.</summary>
    public async Task<long> CountWantingAsync(Alert alert, CancellationToken cancellationToken)
    {
        var (wanting, cursor) = (0L, "");
        while (true)
        {
            var (devices, lastToken, _) = await PageAsync(alert.Edition, cursor, 1_000, cancellationToken);
            wanting += devices.Count(d => d.Wants(alert));
            if (lastToken is null)
            {
                return wanting;
            }

            cursor = lastToken;
        }
    }

    /// <summary>
    /// Registered devices that want <paramref name="alert"/>, from the profile counts: its cost grows with the
    /// number of distinct profiles, not of devices.
    /// </summary>
    public async Task<long> CountWantingFromProfilesAsync(Alert alert, CancellationToken cancellationToken)
    {
        var counts = await Database.HashGetAllAsync(keys.DeviceProfileCounts).WaitAsync(cancellationToken);
        return counts
            .Where(entry => DeviceProfile.Parse(entry.Name!) is { } profile && profile.Wants(alert))
            .Sum(entry => (long)entry.Value);
    }

    // Apart from the registration's transaction: the script is the only writer of the counts and keeps them
    // exact on its own, and Lua inside MULTI is not something every server on the embedded path runs.
    private Task MoveProfileAsync(string token, string profileField, CancellationToken cancellationToken) =>
        Database.ScriptEvaluateAsync(ProfileMoveScript, [keys.DeviceProfileOf, keys.DeviceProfileCounts], [token, profileField]).WaitAsync(cancellationToken);

    public async Task<DeviceRegistration?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var json = await Database.HashGetAsync(keys.DeviceRecords, token).WaitAsync(cancellationToken);
        return json.IsNull ? null : JsonSerializer.Deserialize<DeviceRegistration>((string)json!, AlertsJson.Options);
    }

    /// <summary>Up to <paramref name="count"/> devices of the edition whose tokens sort after <paramref name="afterToken"/>.</summary>
    public async Task<(IReadOnlyList<DeviceRegistration> Devices, string? LastToken, int Scanned)> PageAsync(
        string edition, string afterToken, int count, CancellationToken cancellationToken)
    {
        var tokens = await Database.SortedSetRangeByValueAsync(
            keys.DeviceIndex(edition), afterToken.Length == 0 ? default : afterToken, default,
            exclude: afterToken.Length == 0 ? Exclude.None : Exclude.Start, order: Order.Ascending, skip: 0, take: count)
            .WaitAsync(cancellationToken);
        if (tokens.Length == 0)
        {
            return ([], null, 0);
        }

        var records = await Database.HashGetAsync(keys.DeviceRecords, tokens).WaitAsync(cancellationToken);
        var devices = records.Where(r => r.HasValue).Select(r => JsonSerializer.Deserialize<DeviceRegistration>((string)r!, AlertsJson.Options)!).ToList();
        return (devices, (string)tokens[^1]!, tokens.Length);
    }

    /// <summary>Counts a non-flash push to each device in the current clock hour; returns the tokens still under <paramref name="cap"/>.</summary>
    public async Task<IReadOnlyList<string>> WithinCapAsync(IReadOnlyList<string> tokens, int cap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hour = now.ToUnixTimeSeconds() / 3600;
        var batch = Database.CreateBatch();
        var counts = tokens.Select(token =>
        {
            var key = keys.DeviceCap(token, hour);
            var count = batch.StringIncrementAsync(key);
            _ = batch.KeyExpireAsync(key, TimeSpan.FromHours(2));
            return count;
        }).ToList();
        batch.Execute();
        var values = await Task.WhenAll(counts).WaitAsync(cancellationToken);
        return tokens.Where((_, i) => values[i] <= cap).ToList();
    }
}
