using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using StackExchange.Redis;

namespace Alerts.Server.Outbox;

/// <summary>
/// Hands one edition's events to one outlet, in seq order, while this node holds the lease. An item that
/// fails blocks the ones after it (order first) and is retried with doubling waits (or the receiver's
/// Retry-After) until the outlet's give-up time after its first failure; the retry state and the outlet's
/// progress live in Redis, so a node taking over keeps the schedule and resumes where the last one stopped.
/// The flow is one way: this worker calls the outlet, and records what it answered.
/// </summary>
internal sealed class OutboxWorker(
    OutboxCursor cursor, IOutlet outlet, IAlertLog log, OutboxWakeups wakeups, OutboxDeliveryLog deliveries, OutletReach reach, TimeProvider time,
    ILogger logger)
{
    private const int PageSize = 100;

    /// <summary>How long a stopping node lets the outlet finish what it has in flight and save it; well inside the host's shutdown timeout.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly OutboxPolicy _policy = outlet.Policy;
    private bool _holding;
    // The log's latest seq at this worker's previous look.
    private long _latestSeen;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var heldAt = time.GetUtcNow();
                    if (await cursor.HoldAsync(_policy.LeaseDuration, stoppingToken))
                    {
                        await DeliverPageAsync(new OutboxLease(time, _policy.LeaseDuration, heldAt), stoppingToken);
                    }
                    else
                    {
                        _holding = false;
                        await Task.Delay(_policy.LeaseDuration / 3, time, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    OutboxLog.LoopFailed(logger, outlet.Name, cursor.Edition, e);
                    await Task.Delay(_policy.PollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Hand over at once on a graceful stop; a crash leaves it to expire.
            if (_holding)
            {
                try
                {
                    // The stopping token is already cancelled: the hand-over gets its own short limit.
                    await cursor.ReleaseAsync().WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    OutboxLog.ReleaseFailed(logger, outlet.Name, cursor.Edition, e);
                }
            }
        }
    }

    private async Task DeliverPageAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        // Taken before the log is read: an append after the read wakes the wait below.
        var appended = wakeups.Next(cursor.Edition);
        var latest = await log.ReadLatestSeqAsync(cursor.Edition, cancellationToken);
        // A cursor that vanished while this node held the lease starts where the log ended at the previous look, not
        // after the append that woke this one; a node taking over starts at the end.
        var position = await cursor.ReadOrStartAtAsync(_holding && _latestSeen < latest ? _latestSeen : latest, cancellationToken);
        _latestSeen = latest;
        if (!_holding)
        {
            _holding = true;
            OutboxLog.Holding(logger, outlet.Name, cursor.Edition, position);
        }

        if (position > latest)
        {
            // The log was rewound (a restore, a failover that lost writes): follow it, or new events would wait behind old seqs.
            OutboxLog.LogRewound(logger, outlet.Name, cursor.Edition, position, latest);
            await cursor.AdvanceAsync(latest, cancellationToken);
            return;
        }

        if (position == latest)
        {
            await IdleAsync(appended, lease, cancellationToken);
            return;
        }

        var page = await log.ReadAsync(cursor.Edition, position, PageSize, cancellationToken);
        if (page.IsGapAfter(position))
        {
            OutboxLog.FellBehindRetention(logger, outlet.Name, cursor.Edition, position + 1, page.OldestSeq - 1);
            await cursor.AdvanceAsync(page.OldestSeq - 1, cancellationToken);
            return;
        }

        if (page.Events.Count == 0)
        {
            await IdleAsync(appended, lease, cancellationToken);
            return;
        }

        foreach (var stored in page.Events)
        {
            var alertEvent = JsonSerializer.Deserialize<AlertEvent>(stored.Json, AlertsJson.Options)!;
            var done = outlet.Wants(alertEvent)
                ? await DeliverAsync(alertEvent, stored, cancellationToken)
                : await SkipAsync(alertEvent, stored.Seq, cancellationToken);
            if (!done)
            {
                // The lease went to another node; it continues from the cursor.
                return;
            }
        }
    }

    /// <summary>
    /// With nothing new in the log: does the outlet's due work, then waits for whichever comes first, an append this node
    /// sees, the outlet's next due work (no sooner than the poll interval, as due work may stay late) or the idle check,
    /// never longer than a third of the lease, which the next look renews.
    /// </summary>
    private async Task IdleAsync(Task appended, OutboxLease lease, CancellationToken cancellationToken)
    {
        var wait = _policy.IdleCheckInterval < _policy.LeaseDuration / 3 ? _policy.IdleCheckInterval : _policy.LeaseDuration / 3;
        if (outlet is IOutletWithDueWork due)
        {
            if (await WhileRenewingAsync(lease, token => due.DeliverDueAsync(cursor.Edition, lease, cancellationToken, token), OutletOutcome.LeaseLost, cancellationToken)
                is not OutletOutcome.Delivered)
            {
                return;
            }

            if (await due.NextDueAsync(cursor.Edition, cancellationToken) is { } dueAt)
            {
                var untilDue = dueAt - time.GetUtcNow() is var left && left > _policy.PollInterval ? left : _policy.PollInterval;
                wait = untilDue < wait ? untilDue : wait;
            }
        }

        await appended.WaitAsync(wait, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>True once the event is delivered or given up and the cursor moved past it; false when the lease was lost.</summary>
    private async Task<bool> DeliverAsync(AlertEvent alertEvent, StoredEvent stored, CancellationToken cancellationToken)
    {
        var messageId = $"msg_{cursor.Edition}_{stored.Seq}_{alertEvent.Alert.Id}";
        var retry = await cursor.ReadRetryAsync(stored.Seq, cancellationToken);
        while (true)
        {
            // Held again before every attempt, and renewed while the outlet works: a page of slow receivers' answers must not outlast the lease.
            if (await WaitHoldingAsync(retry.NextAttemptAt ?? DateTimeOffset.MinValue, cancellationToken) is not { } lease)
            {
                return false;
            }

            var attempt = retry.Attempts + 1;
            var progress = new OutboxProgress(cursor, stored.Seq, _policy.LeaseDuration, lease, time, retry.Progress);
            var item = new OutboxItem(cursor.Edition, stored, alertEvent, messageId, attempt, progress, lease, cancellationToken);
            var result = await WhileRenewingAsync(lease, token => outlet.DeliverAsync(item, token), OutletResult.LeaseLost, cancellationToken);
            var now = time.GetUtcNow();
            switch (result.Outcome)
            {
                case OutletOutcome.LeaseLost:
                    _holding = false;
                    return false;
                case OutletOutcome.Stopped:
                    // Still held: the hand-over at stop frees it for the next node at once.
                    return false;
                case OutletOutcome.Delivered:
                    return await FinishAsync(alertEvent, stored.Seq, messageId, attempt, AttemptOutcome.Delivered, result, cancellationToken);
                case OutletOutcome.Rejected:
                    OutboxLog.Rejected(logger, outlet.Name, messageId, result.Error ?? $"HTTP {result.Status}");
                    return await FinishAsync(alertEvent, stored.Seq, messageId, attempt, AttemptOutcome.Rejected, result, cancellationToken);
            }

            var firstFailedAt = retry.FirstFailedAt ?? now;
            if (now - firstFailedAt >= _policy.GiveUpAfter)
            {
                OutboxLog.Abandoned(logger, outlet.Name, messageId, attempt, now - firstFailedAt);
                return await FinishAsync(alertEvent, stored.Seq, messageId, attempt, AttemptOutcome.Abandoned, result, cancellationToken);
            }

            var backoff = TimeSpan.FromTicks(Math.Min(_policy.MaxRetryDelay.Ticks, _policy.FirstRetryDelay.Ticks * (1L << Math.Min(attempt - 1, 30))));
            var wait = result.RetryAfter is { } asked && asked > backoff ? asked : backoff;
            retry = retry with { Attempts = attempt, FirstFailedAt = firstFailedAt, NextAttemptAt = now + wait, Progress = progress.Saved };
            OutboxLog.Failed(logger, outlet.Name, messageId, attempt, result.Error ?? $"HTTP {result.Status}", now + wait);
            await RecordAsync(alertEvent, stored.Seq, messageId, attempt, AttemptOutcome.Failed, result, now + wait, cancellationToken);
            if (!await cursor.SaveRetryAsync(stored.Seq, attempt, firstFailedAt, now + wait, cancellationToken))
            {
                return false;
            }
        }
    }

    private async Task<bool> FinishAsync(
        AlertEvent alertEvent, long seq, string messageId, int attempt, AttemptOutcome outcome, OutletResult result, CancellationToken cancellationToken)
    {
        var advanced = await cursor.AdvanceAsync(seq, cancellationToken);
        await RecordAsync(alertEvent, seq, messageId, attempt, outcome, result, null, cancellationToken);
        var reached = outcome != AttemptOutcome.Delivered ? ReachCount.Failed
            : alertEvent.Type == AlertEventType.Published ? ReachCount.Sent
            : ReachCount.Replaced;
        await CountAsync(alertEvent, reached, cancellationToken);
        return advanced;
    }

    private async Task<bool> SkipAsync(AlertEvent alertEvent, long seq, CancellationToken cancellationToken)
    {
        var advanced = await cursor.AdvanceAsync(seq, cancellationToken);
        await CountAsync(alertEvent, ReachCount.NotApplicable, cancellationToken);
        return advanced;
    }

    private Task CountAsync(AlertEvent alertEvent, ReachCount count, CancellationToken cancellationToken) =>
        outlet.IsOneTarget ? reach.AddAsync(outlet.Name, alertEvent, new Dictionary<ReachCount, long> { [count] = 1 }, cancellationToken) : Task.CompletedTask;

    /// <summary>Waits until <paramref name="until"/>, renewing the lease on the way; the lease as last renewed, null if it was lost.</summary>
    private async Task<OutboxLease?> WaitHoldingAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var heldAt = time.GetUtcNow();
            if (!await cursor.HoldAsync(_policy.LeaseDuration, cancellationToken))
            {
                _holding = false;
                return null;
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return new OutboxLease(time, _policy.LeaseDuration, heldAt);
            }

            await Task.Delay(left < _policy.LeaseDuration / 3 ? left : _policy.LeaseDuration / 3, time, cancellationToken);
        }
    }

    private Task RecordAsync(
        AlertEvent alertEvent, long seq, string messageId, int attempt, AttemptOutcome outcome, OutletResult result, DateTimeOffset? nextAttemptAt,
        CancellationToken cancellationToken) =>
        deliveries.RecordAsync(outlet, new OutboxAttempt(
            time.GetUtcNow(), cursor.Edition, seq, messageId, alertEvent.Type, alertEvent.Alert.Id,
            attempt, outcome, result.Status, result.Error, result.DurationMs, nextAttemptAt), cancellationToken);

    /// <summary>
    /// Runs the outlet's <paramref name="work"/>, renewing the lease every quarter of it if the policy asks. The outlet's token is
    /// cancelled once the lease is lost (the answer is then <paramref name="lost"/>), or a grace period after the node
    /// began to stop: the outlet sees the stop on the stopping token, finishes what it has in flight and saves it.
    /// </summary>
    private async Task<T> WhileRenewingAsync<T>(OutboxLease lease, Func<CancellationToken, Task<T>> work, T lost, CancellationToken stoppingToken)
    {
        using var working = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => working.CancelAfter(StopGrace));
        var renewal = _policy.RenewWhileDelivering ? RenewAsync(lease, working) : Task.CompletedTask;
        try
        {
            return await work(working.Token);
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            OutboxLog.LeaseLost(logger, outlet.Name, cursor.Edition);
            return lost;
        }
        finally
        {
            await working.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewAsync(OutboxLease lease, CancellationTokenSource working)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_policy.LeaseDuration / 4, time, working.Token);
                var sentAt = time.GetUtcNow();
                if (!await cursor.HoldAsync(_policy.LeaseDuration, working.Token))
                {
                    await working.CancelAsync();
                    return;
                }

                lease.Renewed(sentAt);
            }
        }
        catch (OperationCanceledException)
        {
            // The work ended, or the node is stopping.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without renewals the lease may lapse (Redis away, the node shutting down): stop rather than risk a second sender.
            OutboxLog.RenewFailed(logger, outlet.Name, cursor.Edition, e);
            await working.CancelAsync();
        }
    }
}
