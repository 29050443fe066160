using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// Delivers one edition's events to one webhook, in seq order, while this node holds the lease.
/// An event that fails blocks the ones after it (order first) and is retried with doubling waits
/// until <see cref="WebhookDeliveryOptions.GiveUpAfter"/> after its first failure; the retry state
/// lives in Redis, so a node taking over keeps the schedule.
/// </summary>
internal sealed class WebhookWorker(
    WebhookCursor cursor,
    WebhookOptions webhook,
    WebhookDeliveryOptions delivery,
    IAlertLog log,
    WebhookPayload payload,
    WebhookSender sender,
    WebhookDeliveryLog deliveries,
    TimeProvider time,
    ILogger logger)
{
    private const int PageSize = 100;
    private readonly byte[] _key = WebhookSignature.TryDecodeSecret(webhook.Secret!)!;
    private readonly HashSet<string> _types = webhook.Types.ToHashSet(StringComparer.Ordinal);
    private bool _holding;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await cursor.HoldAsync(delivery.LeaseDuration, stoppingToken))
                    {
                        await DeliverPageAsync(stoppingToken);
                    }
                    else
                    {
                        _holding = false;
                        await Task.Delay(delivery.LeaseDuration / 3, time, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    WebhookLog.LoopFailed(logger, cursor.Webhook, cursor.Edition, e);
                    await Task.Delay(delivery.PollInterval, time, stoppingToken);
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
                    WebhookLog.ReleaseFailed(logger, cursor.Webhook, cursor.Edition, e);
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
            WebhookLog.Holding(logger, cursor.Webhook, cursor.Edition, position);
        }

        if (position > latest)
        {
            // The log was rewound (a restore, a failover that lost writes): follow it, or new events would wait behind old seqs.
            WebhookLog.LogRewound(logger, cursor.Webhook, cursor.Edition, position, latest);
            await cursor.AdvanceAsync(latest, cancellationToken);
            return;
        }

        var page = await log.ReadAsync(cursor.Edition, position, PageSize, cancellationToken);
        if (page.IsGapAfter(position))
        {
            WebhookLog.FellBehindRetention(logger, cursor.Webhook, cursor.Edition, position + 1, page.OldestSeq - 1);
            await cursor.AdvanceAsync(page.OldestSeq - 1, cancellationToken);
            return;
        }

        if (page.Events.Count == 0)
        {
            await Task.Delay(delivery.PollInterval, time, cancellationToken);
            return;
        }

        foreach (var stored in page.Events)
        {
            var alertEvent = JsonSerializer.Deserialize<AlertEvent>(stored.Json, AlertsJson.Options)!;
            var wanted = _types.Count == 0 || _types.Contains(JsonNamingPolicy.CamelCase.ConvertName(alertEvent.Type.ToString()));
            var done = wanted
                ? await DeliverAsync(alertEvent, stored, cancellationToken)
                : await cursor.AdvanceAsync(stored.Seq, cancellationToken);
            if (!done)
            {
                // The lease went to another node; it continues from the cursor.
                return;
            }
        }
    }

    /// <summary>True once the event is delivered or abandoned and the cursor moved past it; false when the lease was lost.</summary>
    private async Task<bool> DeliverAsync(AlertEvent alertEvent, StoredEvent stored, CancellationToken cancellationToken)
    {
        var messageId = $"msg_{cursor.Edition}_{stored.Seq}_{alertEvent.Alert.Id}";
        var retry = await cursor.ReadRetryAsync(stored.Seq, cancellationToken);
        while (true)
        {
            // Renewed before every attempt: a page of slow receivers' answers must not outlast the lease.
            if (!await WaitHoldingAsync(retry?.NextAttemptAt ?? DateTimeOffset.MinValue, cancellationToken))
            {
                return false;
            }

            var body = await payload.BuildAsync(alertEvent, stored.Json, cancellationToken);
            var attempt = (retry?.Attempts ?? 0) + 1;
            var result = await sender.SendAsync(webhook.Url!, _key, messageId, body, cancellationToken);
            var now = time.GetUtcNow();
            if (result.Delivered)
            {
                var advanced = await cursor.AdvanceAsync(stored.Seq, cancellationToken);
                await RecordAsync(alertEvent, stored.Seq, messageId, attempt, "delivered", result, null, cancellationToken);
                return advanced;
            }

            var firstFailedAt = retry?.FirstFailedAt ?? now;
            if (now - firstFailedAt >= delivery.GiveUpAfter)
            {
                WebhookLog.Abandoned(logger, cursor.Webhook, messageId, attempt, now - firstFailedAt);
                var advanced = await cursor.AdvanceAsync(stored.Seq, cancellationToken);
                await RecordAsync(alertEvent, stored.Seq, messageId, attempt, "abandoned", result, null, cancellationToken);
                return advanced;
            }

            var wait = TimeSpan.FromTicks(Math.Min(delivery.MaxRetryDelay.Ticks, delivery.FirstRetryDelay.Ticks * (1L << Math.Min(attempt - 1, 30))));
            retry = new RetryState(stored.Seq, attempt, firstFailedAt, now + wait);
            WebhookLog.Failed(logger, cursor.Webhook, messageId, attempt, result.Error ?? $"HTTP {result.Status}", retry.NextAttemptAt);
            await RecordAsync(alertEvent, stored.Seq, messageId, attempt, "failed", result, retry.NextAttemptAt, cancellationToken);
            if (!await cursor.SaveRetryAsync(retry, cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Waits until <paramref name="until"/>, renewing the lease on the way; false if it was lost.</summary>
    private async Task<bool> WaitHoldingAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await cursor.HoldAsync(delivery.LeaseDuration, cancellationToken))
            {
                _holding = false;
                return false;
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return true;
            }

            await Task.Delay(left < delivery.LeaseDuration / 3 ? left : delivery.LeaseDuration / 3, time, cancellationToken);
        }
    }

    private Task RecordAsync(
        AlertEvent alertEvent, long seq, string messageId, int attempt, string outcome, WebhookSender.Result result, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) =>
        deliveries.RecordAsync(cursor.Webhook, new WebhookAttempt(
            time.GetUtcNow(), cursor.Edition, seq, messageId, JsonNamingPolicy.CamelCase.ConvertName(alertEvent.Type.ToString()), alertEvent.Alert.Id,
            attempt, outcome, result.Status, result.Error, result.DurationMs, nextAttemptAt), cancellationToken);
}
