using Alerts.Server.Push.Receipts;
using StackExchange.Redis;

namespace Alerts.Server.WebPush;

/// <summary>
/// The receipts of <c>push-sw.js</c>, counted apart from the phones' (by the phones' rules and script, see
/// <see cref="ReceiptStore"/>) against Web Push's own first send, so they count whether or not FCM push is on.
/// </summary>
internal sealed class WebPushReceipts(ReceiptStore store, WebPushKeys keys, IConnectionMultiplexer redis, TimeProvider time)
{
    /// <summary>A receipt of the worker: platform <c>web</c> with a subscription's id as the installation id (a phone's web app sends its own).</summary>
    public static bool IsWebPush(Receipt receipt) => receipt.Platform == "web" && WebPushSubscription.IsId(receipt.DeviceId);

    /// <summary>
    /// Notes, once, that Web Push is about to send the alert, which starts its receipts' 2 minutes and makes them welcome:
    /// before the sends, as a browser may report the alert before the rest of its page of subscriptions is sent.
    /// </summary>
    public async Task MarkSendingAsync(string alertId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var first = batch.HashSetAsync(keys.Delivery(alertId), ReceiptStore.FirstSentAtField, time.GetUtcNow().ToUnixTimeMilliseconds(), When.NotExists);
        var expire = batch.KeyExpireAsync(keys.Delivery(alertId), until.UtcDateTime);
        batch.Execute();
        await Task.WhenAll(first, expire).WaitAsync(cancellationToken);
    }

    /// <summary>Counts the receipt; false when Web Push never sent the alert.</summary>
    public Task<bool> RecordAsync(Receipt receipt, CancellationToken cancellationToken) =>
        store.RecordAsync(receipt, keys.Delivery(receipt.AlertId), kind => keys.Receipts(receipt.AlertId, kind), cancellationToken);

    /// <summary>The alert's Web Push receipts; targeted are the subscriptions it was shown on (a held one once its quiet hours ended).</summary>
    public async Task<PushReceipts> ReadAsync(string alertId, CancellationToken cancellationToken)
    {
        var (received, opened, onTime) = await store.CountAsync(kind => keys.Receipts(alertId, kind), cancellationToken);
        var targeted = await redis.GetDatabase().SortedSetLengthAsync(keys.Shown(alertId)).WaitAsync(cancellationToken);
        return PushReceipts.Of(received, opened, onTime, targeted);
    }
}
