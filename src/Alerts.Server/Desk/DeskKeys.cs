using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// The desk's Redis keys. An edition's waiting alerts share the edition's hash tag <c>{prefix:edition}</c>
/// with its log (see <c>EventLog/RedisKeys</c>), so a desk script's keys live in one Redis Cluster slot;
/// the audit log, which spans editions, has its own tag <c>{prefix:audit}</c>.
/// </summary>
internal sealed class DeskKeys(IOptions<RedisOptions> options, RedisTopology topology)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    /// <summary>Hash: alert id → its <see cref="WaitingRecord"/> JSON, while it waits and after it ended unpublished.</summary>
    public RedisKey Waiting(string edition) => $"{Tag(edition)}:waiting";

    /// <summary>Hash: alert id → revision of its waiting record, checked by every step.</summary>
    public RedisKey WaitingRevisions(string edition) => $"{Tag(edition)}:waiting-rev";

    /// <summary>Sorted set: score = when the server must act (Unix ms), member = alert id.</summary>
    public RedisKey Due(string edition) => $"{Tag(edition)}:due";

    /// <summary>
    /// Where a node tells every scheduler that an edition's due queue gained an entry, so none has to poll for it.
    /// Sharded on a Cluster, in the slot of the queue itself.
    /// </summary>
    public RedisChannel DueAdded(string edition) => topology.Channel($"{Tag(edition)}:due-added");

    /// <summary>The alert a waiting submission with an Idempotency-Key created: <c>{body hash}:{alert id}</c>.</summary>
    public RedisKey WaitingIdempotency(string edition, string idempotencyId) => $"{Tag(edition)}:idem-wait:{idempotencyId}";

    /// <summary>Hash: published alert id → its <see cref="PendingCorrection"/> JSON, while the correction waits for approval.</summary>
    public RedisKey Corrections(string edition) => $"{Tag(edition)}:corrections";

    /// <summary>Hash: published alert id → revision of its pending correction, checked by every step.</summary>
    public RedisKey CorrectionRevisions(string edition) => $"{Tag(edition)}:corrections-rev";

    /// <summary>List: the alert's <c>HistoryEntry</c> JSON, oldest first.</summary>
    public RedisKey History(string edition, string alertId) => $"{Tag(edition)}:history:{alertId}";

    public RedisKey AuditSeq() => $"{AuditTag}:seq";

    /// <summary>Sorted set: score = the entry's seq (the paging cursor), member = its JSON.</summary>
    public RedisKey AuditLog() => $"{AuditTag}:log";

    /// <summary>Sorted set: score = the entry's time (Unix ms), member = its seq; finds what retention drops.</summary>
    public RedisKey AuditTimes() => $"{AuditTag}:times";

    /// <summary>Counter of one key's refused attempts audited in one minute (<paramref name="minute"/> since the epoch).</summary>
    public RedisKey AuditedRefusals(string actor, long minute) => $"{AuditTag}:refusals:{minute}:{actor}";

    private string AuditTag => $"{{{_prefix}:audit}}";

    private string Tag(string edition) => $"{{{_prefix}:{edition}}}";
}
