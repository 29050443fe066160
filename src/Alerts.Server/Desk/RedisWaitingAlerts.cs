using System.Text.Json;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Server.EventLog;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// The alerts that wait before publication, per edition, beside (never in) the edition's log: a hash of
/// records checked by revision, and the due queue the <see cref="DeskScheduler"/> claims from.
/// </summary>
internal sealed class RedisWaitingAlerts(IConnectionMultiplexer redis, DeskKeys keys, Taxonomy taxonomy, ReplicaWait replicaWait)
{
    /// <summary>How long an Idempotency-Key of a waiting submission is remembered.</summary>
    private static readonly TimeSpan IdempotencyTtl = TimeSpan.FromHours(24);

    /// <summary>The record with this id in any edition, or null.</summary>
    public async Task<WaitingEntry?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var lookups = taxonomy.Editions.Keys
            .Select(edition => (Record: database.HashGetAsync(keys.Waiting(edition), alertId), Revision: database.HashGetAsync(keys.WaitingRevisions(edition), alertId)))
            .ToList();
        await Task.WhenAll(lookups.SelectMany(l => new[] { l.Record, l.Revision })).WaitAsync(cancellationToken);
        return lookups.Where(l => l.Record.Result.HasValue)
            .Select(l => new WaitingEntry(Parse(l.Record.Result), (int)l.Revision.Result))
            .FirstOrDefault();
    }

    public async Task<WaitingEntry?> FindAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var record = database.HashGetAsync(keys.Waiting(edition), alertId);
        var revision = database.HashGetAsync(keys.WaitingRevisions(edition), alertId);
        await Task.WhenAll(record, revision).WaitAsync(cancellationToken);
        return record.Result.HasValue ? new WaitingEntry(Parse(record.Result), (int)revision.Result) : null;
    }

    /// <summary>
    /// What the submission that used <paramref name="idempotencyId"/> stored: <c>{body hash}:{alert id}</c>, once the
    /// replicas have it (with <c>WaitReplicas</c>), or null when no submission of this edition used it.
    /// </summary>
    public async Task<string?> FindIdempotentAsync(string edition, string idempotencyId, CancellationToken cancellationToken)
    {
        var key = keys.WaitingIdempotency(edition, idempotencyId);
        var stored = (string?)await redis.GetDatabase().StringGetAsync(key).WaitAsync(cancellationToken);
        if (stored is not null)
        {
            await replicaWait.EnsureAsync(key, cancellationToken);
        }

        return stored;
    }

    /// <summary>Every record of an edition, waiting or ended.</summary>
    public async Task<IReadOnlyList<WaitingRecord>> ListAsync(string edition, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashValuesAsync(keys.Waiting(edition)).WaitAsync(cancellationToken);
        return entries.Select(Parse).ToList();
    }

    /// <summary>
    /// Writes <paramref name="record"/> (null: removes it, it is in the log now) if the stored revision is still
    /// <paramref name="expectedRevision"/> (0 creates), and puts it on the due queue at <paramref name="dueAt"/> (null: takes it off).
    /// </summary>
    public async Task<WaitingWrite> WriteAsync(
        string edition,
        string alertId,
        int expectedRevision,
        WaitingRecord? record,
        DateTimeOffset? dueAt,
        (string Id, string Value)? idempotency,
        CancellationToken cancellationToken)
    {
        RedisKey[] scriptKeys =
        [
            keys.Waiting(edition), keys.WaitingRevisions(edition), keys.Due(edition), keys.WaitingIdempotency(edition, idempotency?.Id ?? "-"),
        ];
        RedisValue[] arguments =
        [
            alertId,
            expectedRevision,
            record is null ? "" : JsonSerializer.Serialize(record, AlertsJson.Options),
            dueAt is { } due ? due.ToUnixTimeMilliseconds() : "",
            idempotency?.Value ?? "",
            (long)IdempotencyTtl.TotalSeconds,
        ];

        cancellationToken.ThrowIfCancellationRequested();
        var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(DeskScripts.WaitingChange, scriptKeys, arguments))!;
        var write = (string)reply[0]! switch
        {
            "changed" => new WaitingWrite(WaitingWriteOutcome.Changed),
            "replayed" => new WaitingWrite(WaitingWriteOutcome.Replayed, (string)reply[1]!),
            _ => new WaitingWrite(WaitingWriteOutcome.Conflict),
        };

        // A waiting alert, an edit, an approval or a cancel is acknowledged only once it would survive a failover,
        // as a log append is: a cancelled embargo must not come back as scheduled on the promoted replica.
        if (write.Outcome != WaitingWriteOutcome.Conflict)
        {
            await replicaWait.EnsureAsync(scriptKeys[0], cancellationToken);
        }

        if (write.Outcome == WaitingWriteOutcome.Changed && dueAt is not null)
        {
            // Fire and forget: the writer's answer need not wait for the notice, and one lost is found by the schedulers' idle look.
            await redis.GetSubscriber().PublishAsync(keys.DueAdded(edition), alertId, CommandFlags.FireAndForget);
        }

        return write;
    }

    /// <summary>Claims up to <paramref name="batchSize"/> due ids of an edition for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<string>> ClaimDueAsync(string edition, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = await redis.GetDatabase().ScriptEvaluateAsync(
            DeskScripts.DueClaim, [keys.Due(edition)], [now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds, batchSize]);
        return ((RedisResult[])reply!).Select(r => (string)r!).ToList();
    }

    /// <summary>Takes an id off the due queue whose record is gone or no longer needs the server.</summary>
    public async Task ForgetDueAsync(string edition, string alertId) =>
        await redis.GetDatabase().SortedSetRemoveAsync(keys.Due(edition), alertId);

    private static WaitingRecord Parse(RedisValue json) => JsonSerializer.Deserialize<WaitingRecord>((string)json!, AlertsJson.Options)!;
}
