using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// Every Redis key of the webhooks. A webhook's edition has the hash tag
/// <c>{prefix:webhook:name:edition}</c>, so each script's lease, cursor and retry state share one
/// Redis Cluster slot; the delivery log is per webhook.
/// </summary>
internal sealed class WebhookKeys(IOptions<RedisOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    /// <summary>The seq of the edition's last event this webhook is done with (delivered, skipped or abandoned).</summary>
    public RedisKey Cursor(string webhook, string edition) => $"{Tag(webhook, edition)}:cursor";

    /// <summary>Which node delivers for this webhook and edition; expires unless renewed.</summary>
    public RedisKey Lease(string webhook, string edition) => $"{Tag(webhook, edition)}:lease";

    /// <summary>Hash: the failing event's seq, attempts, first failure and next attempt (Unix ms).</summary>
    public RedisKey Retry(string webhook, string edition) => $"{Tag(webhook, edition)}:retry";

    /// <summary>List: the newest attempts first, as JSON.</summary>
    public RedisKey Deliveries(string webhook) => $"{{{_prefix}:webhook:{webhook}}}:deliveries";

    private string Tag(string webhook, string edition) => $"{{{_prefix}:webhook:{webhook}:{edition}}}";
}
