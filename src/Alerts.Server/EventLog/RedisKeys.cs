using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>
/// Every Redis key and channel name, in one place. An edition's keys share the hash tag
/// <c>{prefix:edition}</c>, so the append script's keys live in one Redis Cluster slot.
/// </summary>
internal sealed class RedisKeys(IOptions<RedisOptions> options, RedisTopology topology)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    /// <summary>String: the newest seq the replicas are known to have (with WaitReplicas); reads stop there.</summary>
    public RedisKey Confirmed(string edition) => $"{Tag(edition)}:confirmed";

    /// <summary>String: the latest seq as last written down by a node confirming the log up to it.</summary>
    public RedisKey ConfirmMark(string edition) => $"{Tag(edition)}:confirm-mark";

    /// <summary>The counter that hands out the edition's seqs.</summary>
    public RedisKey Seq(string edition) => $"{Tag(edition)}:seq";

    /// <summary>The current epoch of the edition's log (see <see cref="RedisLogEpochs"/>).</summary>
    public RedisKey Epoch(string edition) => $"{Tag(edition)}:epoch";

    /// <summary>Sorted set: score = seq, member = the event's JSON.</summary>
    public RedisKey Log(string edition) => $"{Tag(edition)}:log";

    /// <summary>Hash: alert id → the alert's current JSON.</summary>
    public RedisKey Alerts(string edition) => $"{Tag(edition)}:alerts";

    /// <summary>Hash: alert id → its revision, checked by every change.</summary>
    public RedisKey Revisions(string edition) => $"{Tag(edition)}:revisions";

    /// <summary>Sorted set: score = expiry in Unix milliseconds, member = id of a line on the ticker.</summary>
    public RedisKey Ticker(string edition) => $"{Tag(edition)}:ticker";

    /// <summary>The event an idempotent append produced, kept for replays.</summary>
    public RedisKey IdempotentEvent(string edition, string idempotencyId) => $"{Tag(edition)}:idem:{idempotencyId}";

    /// <summary>Hash: node id → hub connections it sent the alert to, for the delivery report.</summary>
    public RedisKey Fanout(string edition, string alertId) => $"{Tag(edition)}:fanout:{alertId}";

    /// <summary>Claim of an Idempotency-Key across editions: which body it was first used with.</summary>
    public RedisKey IdempotencyClaim(string idempotencyId) => $"{_prefix}:idem:{idempotencyId}";

    /// <summary>
    /// Where an edition's events are published. The name carries the edition's hash tag, so on a Cluster
    /// the sharded channel lives in the slot of the keys the append script writes.
    /// </summary>
    public RedisChannel Events(string edition) => topology.Channel($"{Tag(edition)}:events");

    private string Tag(string edition) => $"{{{_prefix}:{edition}}}";
}
