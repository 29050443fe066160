using System.Text.Json;
using Alerts.Core.Alerts;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>
/// Per alert and outlet, what the alert's latest event reached: counts of <see cref="ReachCount"/> and the
/// first and last times, in one hash per alert (fields <c>{outlet}|{name}</c>). A newer event of the alert
/// starts the outlet's counts again, so after a retraction they say what the withdrawal reached.
/// </summary>
internal sealed class OutletReach(IConnectionMultiplexer redis, OutboxKeys keys, TimeProvider time)
{
    private const string SeqField = "seq";
    private const string TypeField = "type";
    private const string FirstAtField = "firstAt";
    private const string LastAtField = "lastAt";
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(7);

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Adds to the outlet's counts for <paramref name="alertEvent"/>; an older event's counts are replaced, an older event adds nothing.</summary>
    public async Task AddAsync(string outlet, AlertEvent alertEvent, IReadOnlyDictionary<ReachCount, long> counts, CancellationToken cancellationToken)
    {
        var key = keys.Reach(alertEvent.Alert.Id);
        var seq = (long?)await Database.HashGetAsync(key, Field(outlet, SeqField)).WaitAsync(cancellationToken);
        if (seq > alertEvent.Seq)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = Database.CreateBatch();
        var writes = new List<Task>();
        if (seq != alertEvent.Seq)
        {
            writes.Add(batch.HashDeleteAsync(key, [.. Enum.GetValues<ReachCount>().Select(c => Field(outlet, Name(c))), Field(outlet, FirstAtField)]));
            writes.Add(batch.HashSetAsync(key, [new(Field(outlet, SeqField), alertEvent.Seq), new(Field(outlet, TypeField), Name(alertEvent.Type))]));
        }

        writes.Add(batch.HashSetAsync(key, Field(outlet, FirstAtField), now, When.NotExists));
        writes.Add(batch.HashSetAsync(key, Field(outlet, LastAtField), now));
        writes.AddRange(counts.Where(c => c.Value != 0).Select(c => batch.HashIncrementAsync(key, Field(outlet, Name(c.Key)), c.Value)));
        writes.Add(batch.KeyExpireAsync(key, (alertEvent.Alert.ExpiresAt + KeptAfterExpiry).UtcDateTime));
        batch.Execute();
        await Task.WhenAll(writes).WaitAsync(cancellationToken);
    }

    /// <summary>Every outlet's reach of the alert, by outlet name.</summary>
    public async Task<IReadOnlyDictionary<string, OutletDelivery>> ReadAsync(string alertId, CancellationToken cancellationToken)
    {
        var fields = await Database.HashGetAllAsync(keys.Reach(alertId)).WaitAsync(cancellationToken);
        return fields
            .Select(f => (Split: ((string)f.Name!).Split('|'), f.Value))
            .Where(f => f.Split.Length == 2)
            .GroupBy(f => f.Split[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var values = g.ToDictionary(f => f.Split[1], f => f.Value, StringComparer.Ordinal);
                long Count(ReachCount c) => values.TryGetValue(Name(c), out var v) ? (long)v : 0;
                DateTimeOffset? At(string name) => values.TryGetValue(name, out var v) ? DateTimeOffset.FromUnixTimeMilliseconds((long)v) : null;
                return new OutletDelivery(
                    g.Key, values.TryGetValue(TypeField, out var type) ? (string?)type : null, values.TryGetValue(SeqField, out var s) ? (long)s : null,
                    Count(ReachCount.Sent), Count(ReachCount.Replaced), Count(ReachCount.Pruned), Count(ReachCount.Failed), Count(ReachCount.NotApplicable),
                    At(FirstAtField), At(LastAtField));
            }, StringComparer.Ordinal);
    }

    private static string Field(string outlet, string name) => $"{outlet}|{name}";

    private static string Name(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
