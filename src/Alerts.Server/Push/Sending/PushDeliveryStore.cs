using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Push.Targets;
using StackExchange.Redis;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// What push keeps in Redis beside the outbox: per pushed event (an item, <c>{edition}:{seq}</c>) the targets FCM
/// accepted in the page in flight and the counts for the history line; per alert the delivery counters, the devices
/// held for their quiet hours, and the edition's index of alerts whose sleepers are due. Only the node holding the
/// outbox's lease of the edition writes here.
/// </summary>
internal sealed class PushDeliveryStore(IConnectionMultiplexer redis, PushKeys keys, TimeProvider time)
{
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(7);
    private static readonly TimeSpan ShortestKeep = TimeSpan.FromMinutes(1);

    private IDatabase Database => redis.GetDatabase();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static string ItemId(string edition, long seq) => $"{edition}:{seq}";

    public static string HeldItemId(string alertId) => $"held:{alertId}";

    /// <summary>Whether the alert was ever handed to push: a retraction goes out only then.</summary>
    public Task<bool> WasPushedAsync(string alertId, CancellationToken cancellationToken) =>
        Database.KeyExistsAsync(keys.Delivery(alertId)).WaitAsync(cancellationToken);

    public async Task<PushItemStart> BeginAsync(string itemId, AlertEvent alertEvent, CancellationToken cancellationToken)
    {
        var ttl = alertEvent.Alert.ExpiresAt - time.GetUtcNow() + KeptAfterExpiry;
        var reply = await Database.ScriptEvaluateAsync(PushScripts.Begin, [keys.Item(itemId), keys.Delivery(alertEvent.Alert.Id)],
            [NowMs, (long)Math.Max(ShortestKeep.TotalSeconds, ttl.TotalSeconds)]).WaitAsync(cancellationToken);
        return Enum.Parse<PushItemStart>((string)reply!);
    }

    /// <summary>The targets FCM accepted in the item's page that was in flight when an earlier attempt ended.</summary>
    public async Task<IReadOnlySet<string>> SentAsync(string itemId, CancellationToken cancellationToken) =>
        (await Database.SetMembersAsync(keys.Sent(itemId)).WaitAsync(cancellationToken)).Select(s => (string)s!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Notes a target FCM accepted, before the page is recorded; pipelined, not awaited.</summary>
    public void MarkSent(string itemId, string target) => Database.SetAdd(keys.Sent(itemId), target, CommandFlags.FireAndForget);

    /// <summary>Records a finished page in one step: the counters, the devices held for their quiet hours and the held devices it released.</summary>
    public async Task RecordAsync(
        string itemId, AlertEvent alertEvent, TargetPage page, BatchCounts counts, IReadOnlyList<string> released, CancellationToken cancellationToken)
    {
        var firstPush = alertEvent.Type == AlertEventType.Published && released.Count == 0;
        var arguments = new List<RedisValue>
        {
            JsonNamingPolicy.CamelCase.ConvertName(alertEvent.Type.ToString()), NowMs, counts.Accepted, page.HeldUntil.Count, released.Count, counts.Failed + counts.Pruned,
        };
        foreach (var (token, until) in page.HeldUntil)
        {
            arguments.Add(until.ToUnixTimeMilliseconds());
            arguments.Add(token);
        }

        arguments.AddRange(released.Select(t => (RedisValue)t));
        foreach (var (name, value) in counts.Counters().Where(c => c.Value != 0))
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        // The audience is what the alert's first push targeted or held: the 2-minute share is of it.
        if (firstPush && counts.Targets + counts.Held + counts.Capped > 0)
        {
            arguments.Add(DeliveryFields.Audience);
            arguments.Add(counts.Targets + counts.Held + counts.Capped);
        }

        var alertId = alertEvent.Alert.Id;
        await Database.ScriptEvaluateAsync(PushScripts.Record,
            [keys.Item(itemId), keys.Delivery(alertId), keys.Sent(itemId), keys.Held(alertId), keys.Unseen(alertId)], [.. arguments]).WaitAsync(cancellationToken);
    }

    /// <summary>How many sends FCM accepted and how many failed (a token FCM calls dead included) over the item's pages, whichever node sent them.</summary>
    public async Task<(long Sent, long Failed)> TotalsAsync(string itemId, CancellationToken cancellationToken)
    {
        var totals = await Database.HashGetAsync(keys.Item(itemId), [ItemFields.Sent, ItemFields.Failed]).WaitAsync(cancellationToken);
        return ((long?)totals[0] ?? 0, (long?)totals[1] ?? 0);
    }

    /// <summary>Ends the item's pass; devices still held make the alert due in the edition's held index. Returns how many are held.</summary>
    public async Task<long> FinishAsync(string itemId, AlertEvent alertEvent, string eventJson, CancellationToken cancellationToken)
    {
        var alertId = alertEvent.Alert.Id;
        return (long)await Database.ScriptEvaluateAsync(PushScripts.Finish,
            [keys.Item(itemId), keys.Delivery(alertId), keys.Sent(itemId), keys.Held(alertId), keys.HeldIndex(alertEvent.Edition), keys.HeldEvent(alertId)],
            [alertId, eventJson, NowMs]).WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the alert's held devices (retracted or expired: nobody wakes to it) and takes it out of the held index.</summary>
    public async Task DropHeldAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        await Database.KeyDeleteAsync(keys.Held(alertId)).WaitAsync(cancellationToken);
        await SettleHeldAsync(edition, alertId, cancellationToken);
    }

    /// <summary>After a pass over woken devices: due again when the next sleeper wakes, or out of the index. Returns how many are still held.</summary>
    public async Task<long> SettleHeldAsync(string edition, string alertId, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(PushScripts.SettleHeld,
            [keys.Delivery(alertId), keys.Held(alertId), keys.Unseen(alertId), keys.HeldIndex(edition), keys.HeldEvent(alertId)], [alertId])
            .WaitAsync(cancellationToken);

    /// <summary>The edition's alerts whose first held device has woken, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<string>> DueHeldAlertsAsync(string edition, int count, CancellationToken cancellationToken) =>
        (await Database.SortedSetRangeByScoreAsync(keys.HeldIndex(edition), double.NegativeInfinity, NowMs, take: count).WaitAsync(cancellationToken))
            .Select(a => (string)a!).ToList();

    /// <summary>When the first held device of the edition wakes; null when none is held.</summary>
    public async Task<DateTimeOffset?> NextHeldDueAsync(string edition, CancellationToken cancellationToken) =>
        (await Database.SortedSetRangeByRankWithScoresAsync(keys.HeldIndex(edition), 0, 0).WaitAsync(cancellationToken)) is [var first]
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)first.Score)
            : null;

    /// <summary>The event the alert's held devices are owed; null when it is gone.</summary>
    public async Task<AlertEvent?> HeldEventAsync(string alertId, CancellationToken cancellationToken)
    {
        var json = await Database.StringGetAsync(keys.HeldEvent(alertId)).WaitAsync(cancellationToken);
        return json.IsNull ? null : JsonSerializer.Deserialize<AlertEvent>((string)json!, AlertsJson.Options);
    }

    /// <summary>Held devices of the alert whose quiet hours have ended, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<string>> DueHeldAsync(string alertId, int count, CancellationToken cancellationToken) =>
        (await Database.SortedSetRangeByScoreAsync(keys.Held(alertId), double.NegativeInfinity, NowMs, take: count).WaitAsync(cancellationToken))
            .Select(d => (string)d!).ToList();

    /// <summary>Those of <paramref name="tokens"/> that were held back from the alert's first push and have been sent nothing of it since.</summary>
    public async Task<IReadOnlySet<string>> NeverSentAsync(string alertId, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        var unseen = keys.Unseen(alertId);
        if (tokens.Count == 0 || !await Database.KeyExistsAsync(unseen).WaitAsync(cancellationToken))
        {
            return new HashSet<string>();
        }

        var batch = Database.CreateBatch();
        var checks = tokens.Select(token => batch.SetContainsAsync(unseen, token)).ToList();
        batch.Execute();
        var members = await Task.WhenAll(checks).WaitAsync(cancellationToken);
        return tokens.Where((_, i) => members[i]).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, string>> DeliveryAsync(string alertId, CancellationToken cancellationToken)
    {
        var entries = await Database.HashGetAllAsync(keys.Delivery(alertId)).WaitAsync(cancellationToken);
        return entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
