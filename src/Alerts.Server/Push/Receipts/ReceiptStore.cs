using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Push.Receipts;

/// <summary>Receipts aggregated per alert in Redis, each device counted once (see <c>record-receipt.lua</c>).</summary>
internal sealed class ReceiptStore(IConnectionMultiplexer redis, PushKeys keys, TimeProvider time)
{
    /// <summary>The window of the newsroom's "share of the audience within 2 minutes" figure.</summary>
    public static readonly TimeSpan OnTimeWindow = TimeSpan.FromMinutes(2);

    private static readonly string RecordScript = Sending.PushScripts.Names + EmbeddedScript.Load("push/record-receipt.lua");

    /// <summary>Counts the receipt; false when the alert was never pushed.</summary>
    public async Task<bool> RecordAsync(Receipt receipt, CancellationToken cancellationToken)
    {
        var reply = (long)await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [keys.Delivery(receipt.AlertId), keys.Receipts(receipt.AlertId, "received"), keys.Receipts(receipt.AlertId, "opened"), keys.Receipts(receipt.AlertId, "on-time")],
            [receipt.Event == ReceiptEvent.Opened ? "opened" : "received", receipt.DeviceId, time.GetUtcNow().ToUnixTimeMilliseconds(), (long)OnTimeWindow.TotalMilliseconds])
            .WaitAsync(cancellationToken);
        return reply >= 0;
    }

    /// <summary>Devices that reported received, opened, and received within <see cref="OnTimeWindow"/> of the first send.</summary>
    public async Task<(long Received, long Opened, long OnTime)> CountAsync(string alertId, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var received = batch.HyperLogLogLengthAsync(keys.Receipts(alertId, "received"));
        var opened = batch.HyperLogLogLengthAsync(keys.Receipts(alertId, "opened"));
        var onTime = batch.HyperLogLogLengthAsync(keys.Receipts(alertId, "on-time"));
        batch.Execute();
        await Task.WhenAll(received, opened, onTime).WaitAsync(cancellationToken);
        return (received.Result, opened.Result, onTime.Result);
    }
}
