using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>
/// Every Redis key of the outbox. An outlet's edition has the hash tag <c>{prefix:outlet:edition}</c>, so
/// each script's lease, cursor and retry state share one Redis Cluster slot; the delivery log is per outlet.
/// A webhook's outlet is <c>webhook:{name}</c>, so its keys are the ones webhooks had before the outbox.
/// </summary>
internal sealed class OutboxKeys(IOptions<RedisOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    /// <summary>The seq of the edition's last event the outlet is done with (delivered, skipped or given up).</summary>
    public RedisKey Cursor(string outlet, string edition) => $"{Tag(outlet, edition)}:cursor";

    /// <summary>Which node works this outlet's edition; expires unless renewed.</summary>
    public RedisKey Lease(string outlet, string edition) => $"{Tag(outlet, edition)}:lease";

    /// <summary>Hash: the item at the cursor's seq, attempts, first failure, next attempt (Unix ms) and the outlet's progress through it.</summary>
    public RedisKey Retry(string outlet, string edition) => $"{Tag(outlet, edition)}:retry";

    /// <summary>Set: the targets of the item at the cursor the outlet reached in the page in flight, so a node taking over skips them.</summary>
    public RedisKey Sent(string outlet, string edition) => $"{Tag(outlet, edition)}:sent";

    /// <summary>List: the outlet's newest attempts first, as JSON.</summary>
    public RedisKey Deliveries(string outlet) => $"{{{_prefix}:{outlet}}}:deliveries";

    /// <summary>Hash: per outlet, what the alert's latest event reached (<c>{outlet}|{counter}</c> fields).</summary>
    public RedisKey Reach(string alertId) => $"{{{_prefix}:reach:{alertId}}}";

    private string Tag(string outlet, string edition) => $"{{{_prefix}:{outlet}:{edition}}}";
}
