using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>
/// One outlet's position in one edition's log, and the lease that lets one node at a time move it.
/// Every change checks the lease in the same script, so a node that lost it changes nothing.
/// </summary>
internal sealed class OutboxCursor(IConnectionMultiplexer redis, OutboxKeys keys, NodeIdentity node, string outlet, string edition)
{
    private IDatabase Database => redis.GetDatabase();

    public string Outlet => outlet;

    public string Edition => edition;

    /// <summary>A new outlet starts at the log's end: it delivers what happens after it is configured.</summary>
    public async Task<long> ReadOrStartAtAsync(long latestSeq, CancellationToken cancellationToken)
    {
        await Database.StringSetAsync(keys.Cursor(outlet, edition), latestSeq, when: When.NotExists).WaitAsync(cancellationToken);
        return (long)await Database.StringGetAsync(keys.Cursor(outlet, edition)).WaitAsync(cancellationToken);
    }

    public async Task<bool> HoldAsync(TimeSpan lease, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(OutboxScripts.Hold, [keys.Lease(outlet, edition)], [node.Id, (long)lease.TotalMilliseconds])
            .WaitAsync(cancellationToken) == 1;

    public async Task ReleaseAsync() =>
        await Database.ScriptEvaluateAsync(OutboxScripts.Release, [keys.Lease(outlet, edition)], [node.Id]);

    public async Task<bool> AdvanceAsync(long seq, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(OutboxScripts.Advance, [keys.Lease(outlet, edition), keys.Cursor(outlet, edition), keys.Retry(outlet, edition), keys.Sent(outlet, edition)], [node.Id, seq])
            .WaitAsync(cancellationToken) == 1;

    public async Task<bool> SaveRetryAsync(long seq, int attempts, DateTimeOffset firstFailedAt, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(OutboxScripts.Retry, [keys.Lease(outlet, edition), keys.Retry(outlet, edition)],
            [node.Id, seq, attempts, firstFailedAt.ToUnixTimeMilliseconds(), nextAttemptAt.ToUnixTimeMilliseconds()])
            .WaitAsync(cancellationToken) == 1;

    /// <summary>Saves the outlet's progress through the item at <paramref name="seq"/> and renews the lease; false when it was lost.</summary>
    public async Task<bool> SaveProgressAsync(long seq, string progress, TimeSpan lease, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(OutboxScripts.Progress, [keys.Lease(outlet, edition), keys.Retry(outlet, edition), keys.Sent(outlet, edition)],
            [node.Id, (long)lease.TotalMilliseconds, seq, progress])
            .WaitAsync(cancellationToken) == 1;

    /// <summary>Notes a target reached in the page in flight; pipelined, not awaited (see <see cref="OutboxProgress.MarkSent"/>).</summary>
    public void MarkSent(string target) => Database.SetAdd(keys.Sent(outlet, edition), target, CommandFlags.FireAndForget);

    /// <summary>The targets reached in the page that was in flight when the last attempt ended.</summary>
    public async Task<IReadOnlySet<string>> ReadSentAsync(CancellationToken cancellationToken) =>
        (await Database.SetMembersAsync(keys.Sent(outlet, edition)).WaitAsync(cancellationToken)).Select(s => (string)s!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The item at <paramref name="seq"/>'s attempts and progress so far; a fresh state when it has none.</summary>
    public async Task<RetryState> ReadRetryAsync(long seq, CancellationToken cancellationToken)
    {
        var fields = (await Database.HashGetAllAsync(keys.Retry(outlet, edition)).WaitAsync(cancellationToken)).ToDictionary(f => (string)f.Name!, f => f.Value);
        if (!fields.TryGetValue("seq", out var retrySeq) || (long)retrySeq != seq)
        {
            return new RetryState(seq, 0, null, null, null);
        }

        DateTimeOffset? Time(string name) => fields.TryGetValue(name, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;
        return new RetryState(seq, (int)(long)fields["attempts"], Time("firstFailedAt"), Time("nextAttemptAt"), fields.TryGetValue("progress", out var p) ? (string?)p : null);
    }

    public async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        var value = await Database.StringGetAsync(keys.Cursor(outlet, edition)).WaitAsync(cancellationToken);
        return value.IsNull ? null : (long)value;
    }
}
