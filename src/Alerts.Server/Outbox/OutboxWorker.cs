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
    OutboxCursor cursor, IOutlet outlet, IAlertLog log, OutboxDeliveryLog deliveries, OutletReach reach, TimeProvider time, ILogger logger)
{
    private const int PageSize = 100;
    private readonly OutboxPolicy _policy = outlet.Policy;
    private bool _holding;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await cursor.HoldAsync(_policy.LeaseDuration, stoppingToken))
                    {
                        await DeliverPageAsync(stoppingToken);
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

    private async Task DeliverPageAsync(CancellationToken cancellationToken)
    {
        var latest = (await log.ReadLatestSeqsAsync(cancellationToken))[cursor.Edition];
        var position = await cursor.ReadOrStartAtAsync(latest, cancellationToken);
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

        var page = await log.ReadAsync(cursor.Edition, position, PageSize, cancellationToken);
        if (page.IsGapAfter(position))
        {
            OutboxLog.FellBehindRetention(logger, outlet.Name, cursor.Edition, position + 1, page.OldestSeq - 1);
            await cursor.AdvanceAsync(page.OldestSeq - 1, cancellationToken);
            return;
        }

        if (page.Events.Count == 0)
        {
            await Task.Delay(_policy.PollInterval, time, cancellationToken);
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

    /// <summary>True once the event is delivered or given up and the cursor moved past it; false when the lease was lost.</summary>
    private async Task<bool> DeliverAsync(AlertEvent alertEvent, StoredEvent stored, CancellationToken cancellationToken)
    {
        var messageId = $"msg_{cursor.Edition}_{stored.Seq}_{alertEvent.Alert.Id}";
        var retry = await cursor.ReadRetryAsync(stored.Seq, cancellationToken);
        while (true)
        {
            // Renewed before every attempt: a page of slow receivers' answers must not outlast the lease.
            if (!await WaitHoldingAsync(retry.NextAttemptAt ?? DateTimeOffset.MinValue, cancellationToken))
            {
                return false;
            }

            var attempt = retry.Attempts + 1;
            var progress = new OutboxProgress(cursor, stored.Seq, _policy.LeaseDuration, retry.Progress);
            var result = await outlet.DeliverAsync(new OutboxItem(cursor.Edition, stored, alertEvent, messageId, attempt, progress), cancellationToken);
            var now = time.GetUtcNow();
            switch (result.Outcome)
            {
                case OutletOutcome.LeaseLost:
                    _holding = false;
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

    /// <summary>Waits until <paramref name="until"/>, renewing the lease on the way; false if it was lost.</summary>
    private async Task<bool> WaitHoldingAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await cursor.HoldAsync(_policy.LeaseDuration, cancellationToken))
            {
                _holding = false;
                return false;
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return true;
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
}
