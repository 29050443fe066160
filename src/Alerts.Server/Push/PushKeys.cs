using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push;

/// <summary>
/// Every Redis key of the push feature. The sending keys share the hash tag <c>{prefix:push}</c> and the
/// registry's <c>{prefix:devices}</c>, so each script's keys live in one Redis Cluster slot. The cursor and
/// the lease are the outbox's (<see cref="Outbox.OutboxKeys"/>, outlet <c>fcm</c>).
/// </summary>
internal sealed class PushKeys(IOptions<RedisOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    private string Push => $"{{{_prefix}:push}}";

    private string Devices => $"{{{_prefix}:devices}}";

    /// <summary>Hash: a pushed event's counts and whether its pass ended (<see cref="Sending.ItemFields"/>); id <c>{edition}:{seq}</c>.</summary>
    public RedisKey Item(string itemId) => $"{Push}:item:{itemId}";

    /// <summary>Set: targets FCM accepted in the page being sent, so a node taking over skips them; id <c>{edition}:{seq}</c>, or <c>held:{alertId}</c> while waking sleepers.</summary>
    public RedisKey Sent(string itemId) => $"{Push}:sent:{itemId}";

    /// <summary>Sorted set: the edition's alerts with devices held for their quiet hours, scored by when the first of them wakes (Unix ms).</summary>
    public RedisKey HeldIndex(string edition) => $"{Push}:held-alerts:{edition}";

    /// <summary>The event (JSON) the alert's held devices are owed when they wake: the newest one that held them.</summary>
    public RedisKey HeldEvent(string alertId) => $"{Push}:held-event:{alertId}";

    /// <summary>Sorted set: devices held back from the alert's newest push for their quiet hours, scored by when those end (Unix ms).</summary>
    public RedisKey Held(string alertId) => $"{Push}:held:{alertId}";

    /// <summary>Set: held devices that were held back from the alert's first push and sent nothing of it since.</summary>
    public RedisKey Unseen(string alertId) => $"{Push}:unseen:{alertId}";

    /// <summary>Counter of sends in one rate-limit window, shared by all nodes.</summary>
    public RedisKey RateWindow(long window) => $"{Push}:rate:{window}";

    /// <summary>Hash: the alert's delivery counters; it exists once the alert was pushed.</summary>
    public RedisKey Delivery(string alertId) => $"{Push}:delivery:{alertId}";

    /// <summary>HyperLogLog of the devices that reported a receipt of the alert's push: <c>received</c>, <c>opened</c> or <c>on-time</c>.</summary>
    public RedisKey Receipts(string alertId, string kind) => $"{Push}:receipts:{alertId}:{kind}";

    /// <summary>Hash: token → the device's registration JSON.</summary>
    public RedisKey DeviceRecords => $"{Devices}:records";

    /// <summary>Sorted set, all scores 0: the edition's tokens in lexical order, walked by jobs from a cursor token.</summary>
    public RedisKey DeviceIndex(string edition) => $"{Devices}:edition:{edition}";

    /// <summary>Sorted set: every registered token, scored by when its registration expires unless renewed (Unix ms).</summary>
    public RedisKey DeviceExpiry => $"{Devices}:expiry";

    /// <summary>Hash: token → the <see cref="Targets.DeviceProfile"/> field it is counted under.</summary>
    public RedisKey DeviceProfileOf => $"{Devices}:profile-of";

    /// <summary>Hash: <see cref="Targets.DeviceProfile"/> field → how many registrations have that profile.</summary>
    public RedisKey DeviceProfileCounts => $"{Devices}:profiles";

    /// <summary>List of pending topic changes (JSON) for the Instance ID mirror.</summary>
    public RedisKey MirrorQueue => $"{Devices}:mirror";

    /// <summary>Held by the node sending the oldest topic changes, so two nodes never trim the same changes.</summary>
    public RedisKey MirrorLock => $"{Devices}:mirror:lock";

    /// <summary>Counter of non-flash pushes a device got in one clock hour.</summary>
    public RedisKey DeviceCap(string token, long hour) => $"{Devices}:cap:{hour}:{token}";
}
