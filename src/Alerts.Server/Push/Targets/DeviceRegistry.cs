using Alerts.Core.Alerts;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Registered devices in Redis, each kept once (<see cref="StoredDevice"/>) under its token's short id: one hash
/// of registrations, one lexically ordered set of <c>edition/id</c> that push jobs walk from a cursor id (so a
/// resumed job continues where it stopped), and one set of ids by expiry. Registrations expire
/// <see cref="PushOptions.RegistrationTtl"/> after they were last made (see <see cref="RegistrationSweeper"/>).
/// </summary>
/// <remarks>Without a <c>cap</c> (tools that fill a registry directly) nothing is refused.</remarks>
internal sealed class DeviceRegistry(IConnectionMultiplexer redis, PushKeys keys, IOptions<PushOptions> options, RegistrationCap? cap = null)
{
    // A job's cursor is '#' and the last id it walked; tokens never hold '#', so a cursor a job saved before
    // the compact layout (a token) is told apart and the walk starts over (FCM collapses the repeats).
    private const char CursorMark = '#';

    // After every edition key's separator '/', so [edition/, edition0) is exactly the edition's members.
    private const char AfterSeparator = '0';

    private static readonly string RegisterScript = EmbeddedScript.Load("push/device-register.lua");
    private static readonly string RemoveScript = EmbeddedScript.Load("push/device-remove.lua");

    private IDatabase Database => redis.GetDatabase();

    private static string EditionStart(string edition) => $"{edition}/";

    private static string EditionEnd(string edition) => $"{edition}{AfterSeparator}";

    private RedisKey[] ScriptKeys => [keys.DeviceRecords, keys.DeviceEditions, keys.DeviceExpiries, keys.DeviceProfileCounts];

    /// <summary>Stores the registration, unless the store is at its cap and the token new; returns what it replaced, if anything.</summary>
    public async Task<RegistryWrite> RegisterAsync(DeviceRegistration device, CancellationToken cancellationToken)
    {
        var reply = await StoreAsync(device, onlyIfAbsent: false, cap?.Limit ?? 0, cap?.ForPhones(ScriptKeys) ?? ScriptKeys, cancellationToken);
        switch ((string)reply[0]!)
        {
            case "full":
                return RegistryWrite.Full;
            case "added":
                cap?.Note((long)reply[1]);
                return RegistryWrite.Added;
            default:
                return new RegistryWrite(false, StoredDevice.Decode((string)reply[2]!));
        }
    }

    /// <summary>Stores the registration unless the token already has one (which is newer); returns whether it stored it.</summary>
    /// <remarks>Never refused for the cap: it moves registrations the store already holds into the current layout.</remarks>
    public async Task<bool> AddIfAbsentAsync(DeviceRegistration device, CancellationToken cancellationToken) =>
        (string)(await StoreAsync(device, onlyIfAbsent: true, limit: 0, ScriptKeys, cancellationToken))[0]! != "kept";

    private async Task<RedisResult[]> StoreAsync(DeviceRegistration device, bool onlyIfAbsent, long limit, RedisKey[] scriptKeys, CancellationToken cancellationToken) =>
        (RedisResult[])(await Database.ScriptEvaluateAsync(RegisterScript, scriptKeys,
        [
            StoredDevice.Id(device.Token), StoredDevice.Encode(device), ExpiresAt(device).ToUnixTimeMilliseconds(), onlyIfAbsent ? "1" : "0", limit,
        ]).WaitAsync(cancellationToken))!;

    /// <summary>Forgets the device; returns what was registered, if anything.</summary>
    public async Task<DeviceRegistration?> RemoveAsync(string token, CancellationToken cancellationToken) =>
        Decode(await RemoveByIdAsync(StoredDevice.Id(token), "", cancellationToken));

    private Task<RedisResult> RemoveByIdAsync(string id, string expected, CancellationToken cancellationToken) =>
        Database.ScriptEvaluateAsync(RemoveScript, ScriptKeys, [id, expected]).WaitAsync(cancellationToken);

    /// <summary>When the registration lapses unless the app registers again.</summary>
    public DateTimeOffset ExpiresAt(DeviceRegistration device) => device.RegisteredAt + options.Value.RegistrationTtl;

    /// <summary>Up to <paramref name="count"/> ids of registrations that expired by <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        // The first ids by rank, not by score: Garnet collects a whole score range before it applies a limit, so
        // "-inf to now, 500 of them" reads every expired registration each round when a million lapse at once.
        var soonest = await Database.SortedSetRangeByRankWithScoresAsync(keys.DeviceExpiries, 0, count - 1).WaitAsync(cancellationToken);
        var due = now.ToUnixTimeMilliseconds();
        return soonest.TakeWhile(entry => entry.Score <= due).Select(entry => (string)entry.Element!).ToList();
    }

    /// <summary>Forgets the device of <paramref name="id"/> if its registration has expired by <paramref name="now"/> (it may have been renewed since it was listed).</summary>
    public async Task<DeviceRegistration?> RemoveIfExpiredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await Database.HashGetAsync(keys.DeviceRecords, id).WaitAsync(cancellationToken);
        if (!stored.IsNull && StoredDevice.Decode((string)stored!) is { } device && ExpiresAt(device) > now)
        {
            return null;
        }

        // The script removes the record only if it is still the one read here: a renewal in between wins.
        return Decode(await RemoveByIdAsync(id, stored.IsNull ? "" : (string)stored!, cancellationToken));
    }

    /// <summary>Registered devices of the edition, from the profile counts (Garnet counts a lexical range member by member).</summary>
    public async Task<long> CountAsync(string edition, CancellationToken cancellationToken)
    {
        var counts = await Database.HashGetAllAsync(keys.DeviceProfileCounts).WaitAsync(cancellationToken);
        return counts.Where(entry => DeviceProfile.Parse(entry.Name!)?.Edition == edition).Sum(entry => (long)entry.Value);
    }

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

    public async Task<DeviceRegistration?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var stored = await Database.HashGetAsync(keys.DeviceRecords, StoredDevice.Id(token)).WaitAsync(cancellationToken);
        return stored.IsNull ? null : StoredDevice.Decode((string)stored!);
    }

    /// <summary>
    /// Up to <paramref name="count"/> devices of the edition after the <paramref name="cursor"/> a previous page
    /// returned (<c>""</c>: from the start), and the cursor of this page's last one (null when there was none).
    /// </summary>
    public async Task<(IReadOnlyList<DeviceRegistration> Devices, string? Cursor, int Scanned)> PageAsync(
        string edition, string cursor, int count, CancellationToken cancellationToken)
    {
        var after = cursor.Length > 1 && cursor[0] == CursorMark ? $"{edition}/{cursor[1..]}" : null;
        var members = await Database.SortedSetRangeByValueAsync(
            keys.DeviceEditions, after ?? EditionStart(edition), EditionEnd(edition),
            exclude: after is null ? Exclude.Stop : Exclude.Both, order: Order.Ascending, skip: 0, take: count)
            .WaitAsync(cancellationToken);
        if (members.Length == 0)
        {
            return ([], null, 0);
        }

        var ids = members.Select(m => (RedisValue)((string)m!)[(edition.Length + 1)..]).ToArray();
        var records = await Database.HashGetAsync(keys.DeviceRecords, ids).WaitAsync(cancellationToken);
        var devices = records.Where(r => r.HasValue).Select(r => StoredDevice.Decode((string)r!)).OfType<DeviceRegistration>().ToList();
        return (devices, $"{CursorMark}{ids[^1]}", members.Length);
    }

    /// <summary>Counts a non-flash push to each device in the current clock hour; returns the tokens still under <paramref name="cap"/>.</summary>
    public async Task<IReadOnlyList<string>> WithinCapAsync(IReadOnlyList<string> tokens, int cap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = keys.DeviceCaps(now.ToUnixTimeSeconds() / 3600);
        var batch = Database.CreateBatch();
        var counts = tokens.Select(token => batch.HashIncrementAsync(key, StoredDevice.Id(token))).ToList();
        _ = batch.KeyExpireAsync(key, TimeSpan.FromHours(2));
        batch.Execute();
        var values = await Task.WhenAll(counts).WaitAsync(cancellationToken);
        return tokens.Where((_, i) => values[i] <= cap).ToList();
    }

    private static DeviceRegistration? Decode(RedisResult stored) => stored.IsNull ? null : StoredDevice.Decode((string)stored!);
}
