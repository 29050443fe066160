using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// One webhook's position in one edition's log, and the lease that lets one node at a time move it.
/// Every change checks the lease in the same script, so a node that lost it changes nothing.
/// </summary>
internal sealed class WebhookCursor(IConnectionMultiplexer redis, WebhookKeys keys, NodeIdentity node, string webhook, string edition)
{
    private IDatabase Database => redis.GetDatabase();

    public string Webhook => webhook;

    public string Edition => edition;

    /// <summary>A new webhook starts at the log's end: it delivers what happens after it is configured.</summary>
    public async Task<long> ReadOrStartAtAsync(long latestSeq, CancellationToken cancellationToken)
    {
        await Database.StringSetAsync(keys.Cursor(webhook, edition), latestSeq, when: When.NotExists).WaitAsync(cancellationToken);
        return (long)await Database.StringGetAsync(keys.Cursor(webhook, edition)).WaitAsync(cancellationToken);
    }

    public async Task<bool> HoldAsync(TimeSpan lease, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(WebhookScripts.Hold, [keys.Lease(webhook, edition)], [node.Id, (long)lease.TotalMilliseconds])
            .WaitAsync(cancellationToken) == 1;

    public async Task ReleaseAsync() =>
        await Database.ScriptEvaluateAsync(WebhookScripts.Release, [keys.Lease(webhook, edition)], [node.Id]);

    public async Task<bool> AdvanceAsync(long seq, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(WebhookScripts.Advance, [keys.Lease(webhook, edition), keys.Cursor(webhook, edition), keys.Retry(webhook, edition)], [node.Id, seq])
            .WaitAsync(cancellationToken) == 1;

    public async Task<bool> SaveRetryAsync(RetryState retry, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(WebhookScripts.Retry, [keys.Lease(webhook, edition), keys.Retry(webhook, edition)],
            [node.Id, retry.Seq, retry.Attempts, retry.FirstFailedAt.ToUnixTimeMilliseconds(), retry.NextAttemptAt.ToUnixTimeMilliseconds()])
            .WaitAsync(cancellationToken) == 1;

    /// <summary>The retries of the event at <paramref name="seq"/> so far, or null when it has not failed yet.</summary>
    public async Task<RetryState?> ReadRetryAsync(long seq, CancellationToken cancellationToken)
    {
        var fields = (await Database.HashGetAllAsync(keys.Retry(webhook, edition)).WaitAsync(cancellationToken)).ToDictionary(f => (string)f.Name!, f => (long)f.Value);
        return fields.TryGetValue("seq", out var retrySeq) && retrySeq == seq
            ? new RetryState(seq, (int)fields["attempts"], DateTimeOffset.FromUnixTimeMilliseconds(fields["firstFailedAt"]), DateTimeOffset.FromUnixTimeMilliseconds(fields["nextAttemptAt"]))
            : null;
    }

    public async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        var value = await Database.StringGetAsync(keys.Cursor(webhook, edition)).WaitAsync(cancellationToken);
        return value.IsNull ? null : (long)value;
    }
}
