using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Push.Receipts;

/// <summary>Receipts aggregated per alert in Redis, each device counted once (see <c>record-receipt.lua</c>).</summary>
internal sealed class ReceiptStore(IConnectionMultiplexer redis, PushKeys keys, TimeProvider time)
{
    /// <summary>The window of the newsroom's "share of the audience within 2 minutes" figure.</summary>
    public static readonly TimeSpan OnTimeWindow = TimeSpan.FromMinutes(2);

    private static readonly string RecordScript = Sending.PushScripts.Names + EmbeddedScript.Load("push/record-receipt.lua");

    /// <summary>The field of a delivery hash that holds the first send (Unix ms), which starts the <see cref="OnTimeWindow"/>.</summary>
    public const string FirstSentAtField = Sending.DeliveryFields.FirstSentAt;

    /// <summary>Counts the receipt; false when the alert was never pushed.</summary>
    public Task<bool> RecordAsync(Receipt receipt, CancellationToken cancellationToken) =>
        RecordAsync(receipt, keys.Delivery(receipt.AlertId), kind => keys.Receipts(receipt.AlertId, kind), cancellationToken);

    /// <summary>
    /// Counts the receipt in <paramref name="counts"/> (by kind: received, opened, on-time) against the send recorded in
    /// <paramref name="delivery"/> (a hash with <see cref="FirstSentAtField"/>, expiring with the alert); false when there is none.
    /// Web Push counts its own receipts this way.
    /// </summary>
    public async Task<bool> RecordAsync(Receipt receipt, RedisKey delivery, Func<string, RedisKey> counts, CancellationToken cancellationToken)
    {
        var reply = (long)await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [delivery, counts("received"), counts("opened"), counts("on-time")],
            [receipt.Event == ReceiptEvent.Opened ? "opened" : "received", receipt.DeviceId, time.GetUtcNow().ToUnixTimeMilliseconds(), (long)OnTimeWindow.TotalMilliseconds])
            .WaitAsync(cancellationToken);
        return reply >= 0;
    }

    /// <summary>Devices that reported received, opened, and received within <see cref="OnTimeWindow"/> of the first send.</summary>
    public Task<(long Received, long Opened, long OnTime)> CountAsync(string alertId, CancellationToken cancellationToken) =>
        CountAsync(kind => keys.Receipts(alertId, kind), cancellationToken);

    /// <summary>Like <see cref="CountAsync(string, CancellationToken)"/>, over the counts <see cref="RecordAsync(Receipt, RedisKey, Func{string, RedisKey}, CancellationToken)"/> kept.</summary>
    public async Task<(long Received, long Opened, long OnTime)> CountAsync(Func<string, RedisKey> counts, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var received = batch.HyperLogLogLengthAsync(counts("received"));
        var opened = batch.HyperLogLogLengthAsync(counts("opened"));
        var onTime = batch.HyperLogLogLengthAsync(counts("on-time"));
        batch.Execute();
        await Task.WhenAll(received, opened, onTime).WaitAsync(cancellationToken);
        return (received.Result, opened.Result, onTime.Result);
    }
}
