using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.WebPush;

/// <summary>Every Redis key of Web Push, under the hash tag <c>{prefix:webpush}</c>.</summary>
internal sealed class WebPushKeys(IOptions<RedisOptions> options)
{
    private readonly string _tag = $"{{{options.Value.KeyPrefix}:webpush}}";

    /// <summary>Hash: subscription id → the <see cref="WebPushDevice"/> JSON.</summary>
    public RedisKey Records => $"{_tag}:records";

    /// <summary>Sorted set, all scores 0: the edition's subscription ids in lexical order, walked from a cursor id.</summary>
    public RedisKey Index(string edition) => $"{_tag}:edition:{edition}";

    /// <summary>Sorted set, all scores 0: the subscriptions the alert was shown on, which a retraction replaces.</summary>
    public RedisKey Shown(string alertId) => $"{_tag}:shown:{alertId}";

    /// <summary>Hash, expiring with the alert: when Web Push first sent it (<see cref="Push.Receipts.ReceiptStore.FirstSentAtField"/>), which makes its receipts welcome.</summary>
    public RedisKey Delivery(string alertId) => $"{_tag}:delivery:{alertId}";

    /// <summary>HyperLogLog of the subscription ids that reported the alert <paramref name="kind"/> (received, opened, on-time).</summary>
    public RedisKey Receipts(string alertId, string kind) => $"{_tag}:receipts:{alertId}:{kind}";

    /// <summary>Sorted set: <see cref="WebPushHold"/> members, scored by when the subscription's quiet hours end (Unix ms), or a node's lease on sending it.</summary>
    public RedisKey Held => $"{_tag}:held";
}
