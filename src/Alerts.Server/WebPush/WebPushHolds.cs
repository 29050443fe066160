using Alerts.Server.Desk;
using StackExchange.Redis;

namespace Alerts.Server.WebPush;

/// <summary>
/// Subscriptions held back from a non-flash alert for their quiet hours, as phones are: one sorted set of
/// (alert, subscription) scored by when the quiet hours end. A claim leases the due ones to one node; the
/// node removes them once sent, and a node that dies leaves them due again after the lease.
/// </summary>
internal sealed class WebPushHolds(IConnectionMultiplexer redis, WebPushKeys keys)
{
    private IDatabase Database => redis.GetDatabase();

    /// <summary>The releaser's wait between claims, woken when this node holds something.</summary>
    public DueWait Waiting { get; } = new();

    /// <summary>Holds each subscription until its quiet hours end; a newer event of the alert holds it again, once.</summary>
    public async Task HoldAsync(string alertId, IReadOnlyList<(string SubscriptionId, DateTimeOffset WakesAt)> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return;
        }

        var entries = held.Select(h => new SortedSetEntry(new WebPushHold(alertId, h.SubscriptionId).Member, h.WakesAt.ToUnixTimeMilliseconds())).ToArray();
        await Database.SortedSetAddAsync(keys.Held, entries).WaitAsync(cancellationToken);
        Waiting.Wake();
    }

    /// <summary>When the earliest hold's quiet hours end (or its lease lapses), or null when nothing is held.</summary>
    public async Task<DateTimeOffset?> EarliestAsync(CancellationToken cancellationToken)
    {
        var first = await Database.SortedSetRangeByRankWithScoresAsync(keys.Held, 0, 0).WaitAsync(cancellationToken);
        return first.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)first[0].Score);
    }

    /// <summary>Up to <paramref name="count"/> holds whose quiet hours ended by <paramref name="now"/>, leased to this node for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<WebPushHold>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int count, CancellationToken cancellationToken)
    {
        // The desk's claim of due alerts is the same step over a set scored by due time: range, and move each a lease ahead.
        var result = await Database.ScriptEvaluateAsync(
            DeskScripts.DueClaim, [keys.Held], [now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds, count]).WaitAsync(cancellationToken);
        return [.. ((RedisValue[])result!).Select(m => WebPushHold.Parse(m!))];
    }

    /// <summary>Forgets the holds: the subscriptions got the alert's newest state, or will never get it.</summary>
    public async Task ForgetAsync(IEnumerable<WebPushHold> holds, CancellationToken cancellationToken)
    {
        var members = holds.Select(h => (RedisValue)h.Member).ToArray();
        if (members.Length > 0)
        {
            await Database.SortedSetRemoveAsync(keys.Held, members).WaitAsync(cancellationToken);
        }
    }
}
