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

    /// <summary>
    /// Hash: the token's short id (<see cref="Targets.StoredDevice.Id"/>) → the registration, its profile first
    /// (<see cref="Targets.StoredDevice"/>): the only place the token is kept.
    /// </summary>
    public RedisKey DeviceRecords => $"{Devices}:reg";

    /// <summary>Sorted set, all scores 0: <c>edition/id</c> of every registration, walked in lexical order by jobs from a cursor id.</summary>
    public RedisKey DeviceEditions => $"{Devices}:by-edition";

    /// <summary>Sorted set: every registration's id, scored by when it expires unless renewed (Unix ms).</summary>
    public RedisKey DeviceExpiries => $"{Devices}:expires";

    /// <summary>Hash: <see cref="Targets.DeviceProfile"/> field → how many registrations have that profile.</summary>
    public RedisKey DeviceProfileCounts => $"{Devices}:profiles";

    /// <summary>Hash: token → the registration's JSON, as releases before the compact layout kept it (read once, by <see cref="Targets.DeviceLayoutUpgrade"/>).</summary>
    public RedisKey LegacyDeviceRecords => $"{Devices}:records";

    /// <summary>Sorted set of the legacy layout: the edition's tokens.</summary>
    public RedisKey LegacyDeviceIndex(string edition) => $"{Devices}:edition:{edition}";

    /// <summary>Sorted set of the legacy layout: tokens scored by expiry.</summary>
    public RedisKey LegacyDeviceExpiry => $"{Devices}:expiry";

    /// <summary>Hash of the legacy layout: token → the profile field it is counted under.</summary>
    public RedisKey LegacyDeviceProfileOf => $"{Devices}:profile-of";

    /// <summary>List of pending topic changes (JSON) for the Instance ID mirror.</summary>
    public RedisKey MirrorQueue => $"{Devices}:mirror";

    /// <summary>Held by the node sending the oldest topic changes, so two nodes never trim the same changes.</summary>
    public RedisKey MirrorLock => $"{Devices}:mirror:lock";

    /// <summary>
    /// Hash: a device's short id → the non-flash pushes it got in one clock hour. One key an hour, not one a device
    /// and hour: the embedded store keeps a key's record after it expired until it is deleted, and a hash goes at once.
    /// </summary>
    public RedisKey DeviceCaps(long hour) => $"{Devices}:caps:{hour}";
}
