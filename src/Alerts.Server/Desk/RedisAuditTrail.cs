using System.Text.Json;
using Alerts.Core.Desk;
using Alerts.Core.Serialization;
using Alerts.Server.Api;
using Alerts.Server.EventLog;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// The newsroom's audit log (every action, every refused attempt) and each alert's history, durable in
/// Redis for <see cref="AuditOptions.Retention"/>. An action is recorded after it took effect, in a
/// second step: a node that dies in between loses the line, never the action.
/// </summary>
internal sealed class RedisAuditTrail(
    IConnectionMultiplexer redis, DeskKeys keys, IOptions<AuditOptions> options, ReplicaWait replicaWait, IHttpContextAccessor request)
{
    private const string SeqPlaceholder = "{\"seq\":0,";

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        entry = entry with { By = entry.By ?? ByOf(entry.Actor) };
        var retention = options.Value.Retention;
        var database = redis.GetDatabase();
        var writes = new List<Task>();
        if (entry is { AlertId: { } alertId, Edition: { } edition } && entry.Action != DeskAction.Refused)
        {
            var history = keys.History(edition, alertId);
            var line = new HistoryEntry { At = entry.At, Actor = entry.Actor, By = entry.By, Action = entry.Action, Detail = entry.Detail };
            writes.Add(database.ListRightPushAsync(history, JsonSerializer.Serialize(line, AlertsJson.Options)));
            writes.Add(database.KeyExpireAsync(history, retention));
        }

        var json = JsonSerializer.Serialize(entry with { Seq = 0 }, AlertsJson.Options);
        writes.Add(database.ScriptEvaluateAsync(
            DeskScripts.AuditAppend,
            [keys.AuditSeq(), keys.AuditLog(), keys.AuditTimes()],
            [json[SeqPlaceholder.Length..], entry.At.ToUnixTimeMilliseconds(), (entry.At - retention).ToUnixTimeMilliseconds()]));
        await Task.WhenAll(writes).WaitAsync(cancellationToken);
        // On a Cluster the history and the audit log may live on two primaries; elsewhere the second WAIT is shared.
        await replicaWait.EnsureAsync(keys.AuditLog(), cancellationToken);
        if (entry is { AlertId: { } historyId, Edition: { } historyEdition } && entry.Action != DeskAction.Refused)
        {
            await replicaWait.EnsureAsync(keys.History(historyEdition, historyId), cancellationToken);
        }
    }

    // Who the request's principal is when it is the one named; the server's own actors (scheduler, push) are named as keys.
    private Actor ByOf(string actor) =>
        request.HttpContext?.User is { } user && user.Identity?.Name == actor && Actors.Of(user) is { } principal
            ? principal
            : new Actor(ActorKind.Key, actor, actor);

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        var lines = await redis.GetDatabase().ListRangeAsync(keys.History(edition, alertId)).WaitAsync(cancellationToken);
        return lines.Select(l => JsonSerializer.Deserialize<HistoryEntry>((string)l!, AlertsJson.Options)!).ToList();
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries that pass <paramref name="filter"/>, oldest first: the first ones after
    /// <paramref name="after"/> when it is set, else the newest ones before <paramref name="before"/> (or before the end).
    /// </summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long LatestSeq)> ReadAsync(
        long? after, long? before, int limit, Func<AuditEntry, bool> filter, CancellationToken cancellationToken)
    {
        const int scanPage = 500;
        var database = redis.GetDatabase();
        var latestSeq = (long)await database.StringGetAsync(keys.AuditSeq()).WaitAsync(cancellationToken);
        var found = new List<AuditEntry>();
        var ascending = after is not null;
        var cursor = after ?? before ?? long.MaxValue;
        while (found.Count < limit)
        {
            var page = ascending
                ? await database.SortedSetRangeByScoreAsync(keys.AuditLog(), cursor, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, scanPage)
                    .WaitAsync(cancellationToken)
                : await database.SortedSetRangeByScoreAsync(keys.AuditLog(), double.NegativeInfinity, cursor, Exclude.Stop, Order.Descending, 0, scanPage)
                    .WaitAsync(cancellationToken);
            if (page.Length == 0)
            {
                break;
            }

            var entries = page.Select(e => JsonSerializer.Deserialize<AuditEntry>((string)e!, AlertsJson.Options)!).ToList();
            found.AddRange(entries.Where(filter).Take(limit - found.Count));
            cursor = entries[^1].Seq;
        }

        return (ascending ? found : found.AsEnumerable().Reverse().ToList(), latestSeq);
    }
}
