using Alerts.Core.Alerts;
using Alerts.Server.Hosting;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Push.Targets;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Sends one page of an FCM outlet's targets: concurrently, each target's messages in order, skipping targets an
/// earlier attempt reached, noting each one FCM accepts at once and pruning tokens FCM calls dead.
/// </summary>
internal sealed class FcmPageSender(PushDeliveryStore store, IPushTargets targets, PushSender sender, AlertsMetrics metrics, ILogger<FcmPageSender> logger)
{
    /// <summary>Sends one page; false when this node's lease may have lapsed, so the page is not recorded.</summary>
    public async Task<bool> SendAsync(
        string itemId, AlertEvent alertEvent, IReadOnlyList<Message> eventMessages, TargetPage page, IReadOnlySet<string> sentBefore, BatchCounts counts,
        OutboxLease lease, CancellationToken cancellationToken)
    {
        SendResult[] results;
        using (var batch = AlertsTracing.Source.StartActivity("alerts.push.batch"))
        {
            batch?.SetTag("alerts.push.targets", counts.Targets);
            // Accepted by FCM under an earlier attempt, not yet recorded: counted now, not sent again.
            results = await Task.WhenAll(page.Targets.Select(target => sentBefore.Contains(target)
                ? AlreadySent(counts)
                : SendAsync(itemId, alertEvent, eventMessages, target, counts, lease, cancellationToken)));
            batch?.SetTag("alerts.push.failed", counts.Failed);
        }

        metrics.PushSent(SendResult.Accepted, counts.Accepted);
        metrics.PushSent(SendResult.Failed, counts.Failed);
        metrics.PushSent(SendResult.Pruned, counts.Pruned);

        if (counts.Failed > 0)
        {
            PushLog.BatchHadFailures(logger, itemId, counts.Failed, counts.Targets, counts.FirstFailure);
        }

        return !results.Contains(SendResult.LeaseLapsed);
    }

    private static Task<SendResult> AlreadySent(BatchCounts counts)
    {
        counts.Accept();
        return Task.FromResult(SendResult.Accepted);
    }

    /// <summary>Sends the event's messages to one target in order: a withdrawal's visible replacement before its data-only message.</summary>
    private async Task<SendResult> SendAsync(
        string itemId, AlertEvent alertEvent, IReadOnlyList<Message> eventMessages, string target, BatchCounts counts, OutboxLease lease, CancellationToken cancellationToken)
    {
        var result = SendResult.Accepted;
        foreach (var message in eventMessages)
        {
            result = await sender.SendAsync(targets.Address(message, target), target, alertEvent.Alert.ExpiresAt, counts, lease, cancellationToken);
            if (result != SendResult.Accepted)
            {
                break;
            }
        }

        switch (result)
        {
            case SendResult.Accepted:
                store.MarkSent(itemId, target);
                counts.Accept();
                break;
            case SendResult.Pruned:
                await targets.PruneAsync(target, cancellationToken);
                counts.Prune();
                break;
            case SendResult.Failed:
                counts.Fail();
                break;
        }

        return result;
    }
}
