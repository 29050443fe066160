using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Push.Sending;
using Alerts.Server.Push.Targets;
using StackExchange.Redis;

namespace Alerts.Server.Push.Queue;

/// <summary>
/// The durable push queue in Redis: jobs in a sorted set scored by when they may next be leased
/// (their due time, or their lease deadline while a node works them), so a job whose node died
/// becomes leasable again when its lease runs out. The job's phases are drawn in <see cref="JobPhase"/>.
/// </summary>
internal sealed class PushQueue(IConnectionMultiplexer redis, PushKeys keys, TimeProvider time)
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private IDatabase Database => redis.GetDatabase();

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Starts the edition's cursor at <paramref name="seq"/> unless it already has one.</summary>
    public Task<bool> InitCursorAsync(string edition, long seq, CancellationToken cancellationToken) =>
        Database.StringSetAsync(keys.Cursor(edition), seq, when: When.NotExists).WaitAsync(cancellationToken);

    /// <summary>The edition's cursor, or null before it was started.</summary>
    public async Task<long?> CursorAsync(string edition, CancellationToken cancellationToken) =>
        (long?)await Database.StringGetAsync(keys.Cursor(edition)).WaitAsync(cancellationToken);

    /// <summary>
    /// Creates the jobs of events after <paramref name="expectedCursor"/> and moves the cursor to
    /// <paramref name="newCursor"/>, only if no other node moved it first.
    /// </summary>
    public async Task<bool> EnqueueAsync(
        string edition, long expectedCursor, long newCursor, IReadOnlyList<(AlertEvent Event, string Json)> jobs, CancellationToken cancellationToken)
    {
        var scriptKeys = new List<RedisKey> { keys.Cursor(edition), keys.Queue };
        var arguments = new List<RedisValue> { expectedCursor, newCursor, NowMs };
        foreach (var (alertEvent, json) in jobs)
        {
            scriptKeys.Add(keys.Job(JobId(alertEvent)));
            scriptKeys.Add(keys.Delivery(alertEvent.Alert.Id));
            var ttl = alertEvent.Alert.ExpiresAt - time.GetUtcNow() + TimeSpan.FromDays(7);
            arguments.AddRange([
                JobId(alertEvent), json, alertEvent.Alert.Id, alertEvent.Type == AlertEventType.Retracted ? "1" : "0", (long)Math.Max(60, ttl.TotalSeconds)]);
        }

        var result = await Database.ScriptEvaluateAsync(QueueScripts.Enqueue, [.. scriptKeys], [.. arguments]).WaitAsync(cancellationToken);
        return (long)result == 1;
    }

    /// <summary>Leases the next due job, or returns null when none is due.</summary>
    public async Task<PushJob?> LeaseAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var due = await Database.SortedSetRangeByScoreAsync(keys.Queue, double.NegativeInfinity, NowMs, take: 32).WaitAsync(cancellationToken);
        foreach (var candidate in due)
        {
            var jobId = (string)candidate!;
            var fields = await Database.HashGetAsync(keys.Job(jobId), [JobFields.After, JobFields.Alert]).WaitAsync(cancellationToken);
            var (after, alertId) = ((string?)fields[0], (string?)fields[1]);
            if (alertId is null)
            {
                continue;
            }

            var leaseId = Guid.NewGuid().ToString("N");
            var leasedAt = time.GetUtcNow();
            var leasedAtMs = leasedAt.ToUnixTimeMilliseconds();
            var reply = await Database.ScriptEvaluateAsync(QueueScripts.Lease, [keys.Queue, keys.Job(jobId), keys.Job(after ?? jobId), keys.Delivery(alertId)],
                [jobId, leasedAtMs, leasedAtMs + (long)duration.TotalMilliseconds, leaseId, _owner, after ?? ""]).WaitAsync(cancellationToken);
            if (reply.IsNull)
            {
                continue;
            }

            var leased = (RedisResult[])reply!;
            var alertEvent = JsonSerializer.Deserialize<AlertEvent>((string)leased[0]!, AlertsJson.Options)!;
            var sent = await Database.SetMembersAsync(keys.Sent(jobId)).WaitAsync(cancellationToken);
            return new PushJob(jobId, alertEvent, (string?)leased[1] ?? "", sent.Select(s => (string)s!).ToHashSet(StringComparer.Ordinal), leaseId,
                (int)(long)leased[2], (string?)leased[3] == JobPhase.Releasing, leasedAt);
        }

        return null;
    }

    /// <summary>Extends the lease; false when another node holds the job now.</summary>
    public async Task<bool> RenewAsync(PushJob job, TimeSpan duration, CancellationToken cancellationToken) =>
        (long)await Database.ScriptEvaluateAsync(QueueScripts.Renew, [keys.Queue, keys.Job(job.Id)],
            [job.Id, job.LeaseId, NowMs + (long)duration.TotalMilliseconds, "0"]).WaitAsync(cancellationToken) == 1;

    /// <summary>Gives the job back, due again after <paramref name="delay"/>; its recorded progress stays.</summary>
    public async Task ReleaseAsync(PushJob job, TimeSpan delay, CancellationToken cancellationToken) =>
        await Database.ScriptEvaluateAsync(QueueScripts.Renew, [keys.Queue, keys.Job(job.Id)],
            [job.Id, job.LeaseId, NowMs + (long)delay.TotalMilliseconds, "1"]).WaitAsync(cancellationToken);

    /// <summary>Notes a target FCM accepted, before the batch is recorded; pipelined, not awaited.</summary>
    public void MarkSent(PushJob job, string target) => Database.SetAdd(keys.Sent(job.Id), target, CommandFlags.FireAndForget);

    /// <summary>
    /// Records a finished batch in one step: the new cursor, the counters, the devices held for their
    /// quiet hours and the held devices this batch released. False when the lease was lost.
    /// </summary>
    public async Task<bool> RecordAsync(PushJob job, TargetPage page, BatchCounts counts, IReadOnlyList<string> released, CancellationToken cancellationToken)
    {
        // Devices held back from the alert's first push have seen nothing of it: a retraction must not show them a withdrawal.
        var neverSawTheAlert = job.Event.Type == AlertEventType.Published && !job.Releasing;
        var arguments = new List<RedisValue>
        {
            job.LeaseId, page.NextCursor, NowMs, counts.Accepted, page.HeldUntil.Count, released.Count, neverSawTheAlert ? "1" : "0", counts.Failed + counts.Pruned,
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

        if (neverSawTheAlert && counts.Targets + counts.Held + counts.Capped > 0)
        {
            arguments.Add(DeliveryFields.Audience);
            arguments.Add(counts.Targets + counts.Held + counts.Capped);
        }

        var alertId = job.Event.Alert.Id;
        RedisKey[] scriptKeys = [keys.Job(job.Id), keys.Delivery(alertId), keys.Sent(job.Id), keys.Held(alertId), keys.Unseen(alertId)];
        return (long)await Database.ScriptEvaluateAsync(QueueScripts.Record, scriptKeys, [.. arguments]).WaitAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// How many sends FCM accepted and how many failed (a token FCM calls dead included) over the job's recorded
    /// pages, whichever node sent them.
    /// </summary>
    public async Task<(long Sent, long Failed)> TotalsAsync(PushJob job, CancellationToken cancellationToken)
    {
        var totals = await Database.HashGetAsync(keys.Job(job.Id), [JobFields.Sent, JobFields.Failed]).WaitAsync(cancellationToken);
        return ((long?)totals[0] ?? 0, (long?)totals[1] ?? 0);
    }

    /// <summary>Held devices of the job's alert whose quiet hours have ended, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<string>> DueHeldAsync(PushJob job, int count, CancellationToken cancellationToken)
    {
        var due = await Database.SortedSetRangeByScoreAsync(keys.Held(job.Event.Alert.Id), double.NegativeInfinity, NowMs, take: count)
            .WaitAsync(cancellationToken);
        return due.Select(d => (string)d!).ToList();
    }

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

    /// <summary>
    /// Ends the job, or, while devices of its alert are held and <paramref name="keepHeld"/>, queues it again for
    /// when the first of them wakes. Returns 0 when the lease was lost, 1 when done, 2 when waiting for held devices.
    /// </summary>
    public async Task<long> CompleteAsync(PushJob job, bool keepHeld, CancellationToken cancellationToken)
    {
        var alertId = job.Event.Alert.Id;
        return (long)await Database.ScriptEvaluateAsync(QueueScripts.Complete,
            [keys.Queue, keys.Job(job.Id), keys.Delivery(alertId), keys.Sent(job.Id), keys.Held(alertId), keys.Unseen(alertId)],
            [job.Id, job.LeaseId, keepHeld ? "1" : "0"]).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> DeliveryAsync(string alertId, CancellationToken cancellationToken)
    {
        var entries = await Database.HashGetAllAsync(keys.Delivery(alertId)).WaitAsync(cancellationToken);
        return entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string JobId(AlertEvent alertEvent) => $"{alertEvent.Edition}:{alertEvent.Seq}";
}
