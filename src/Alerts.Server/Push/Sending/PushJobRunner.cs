using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Server.Desk;
using Alerts.Server.Hosting;
using Alerts.Server.Push.Fcm;
using Alerts.Server.Push.Queue;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Works one leased job: pages through its targets from the recorded cursor (or, once devices held for
/// their quiet hours wake, through those), sends each page, and records the page (cursor, counters,
/// held devices, one atomic step) before the next. The lease is renewed in
/// the background; once it is lost the job stops at once, since another node now owns it.
/// </summary>
internal sealed class PushJobRunner(
    PushQueue queue, IAlertLog log, PushMessages messages, IPushTargets targets, PushSender sender, NewsDesk desk, AlertsMetrics metrics, IOptions<PushOptions> options, TimeProvider time,
    ILogger<PushJobRunner> logger)
{
    private static readonly TimeSpan AuthRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The actor of the <c>pushed</c> history line: no key acted, the dispatcher did.</summary>
    private const string PushActor = "push";

    /// <summary>How long a stopping node lets the page in flight finish; well inside the host's shutdown timeout.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public async Task RunAsync(PushJob job, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        PushLog.JobLeased(logger, job.Id, job.Leases, job.Cursor);
        // A job starts from the log, not from the request that appended its event: its trace is its own, tagged to find that one.
        using var activity = AlertsTracing.Source.StartActivity("alerts.push.job");
        activity?.SetTag(AlertsTracing.Edition, job.Event.Edition).SetTag(AlertsTracing.Seq, job.Event.Seq)
            .SetTag(AlertsTracing.AlertId, job.Event.Alert.Id).SetTag("alerts.push.leases", job.Leases);
        // A stopping node finishes the page in flight, records it and hands the job back at once, so a
        // rolling restart neither waits out the lease nor cuts off sends FCM may already have taken.
        using var working = new CancellationTokenSource();
        using var stopping = stoppingToken.Register(() => working.CancelAfter(StopGrace));
        var watch = new LeaseWatch(time, settings.LeaseDuration, job.LeasedAt);
        var renewal = RenewAsync(job, watch, working);
        try
        {
            if (await EventToSendAsync(job, working.Token) is not { } alertEvent)
            {
                PushLog.HeldDevicesDropped(logger, job.Id, job.Event.Alert.Id);
                await queue.CompleteAsync(job, keepHeld: false, working.Token);
                return;
            }

            if (messages.For(alertEvent, time.GetUtcNow()) is not { } eventMessages)
            {
                PushLog.AlertExpired(logger, job.Id, job.Event.Alert.Id);
                await queue.CompleteAsync(job, keepHeld: false, working.Token);
                return;
            }

            var sentBefore = job.Sent;
            var next = NextPageAsync(job, job.Cursor, working.Token);
            while (true)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    await queue.ReleaseAsync(job, TimeSpan.Zero, working.Token);
                    PushLog.JobHandedBack(logger, job.Id);
                    return;
                }

                if (time.GetUtcNow() >= job.Event.Alert.ExpiresAt)
                {
                    PushLog.AlertExpired(logger, job.Id, job.Event.Alert.Id);
                    await queue.CompleteAsync(job, keepHeld: false, working.Token);
                    return;
                }

                var (page, released) = await next;
                // The following page is read while this one is sent, so Redis round trips do not stall the sends.
                next = page.IsLast ? next : NextPageAsync(job, page.NextCursor, working.Token);
                var counts = new BatchCounts { Targets = page.Targets.Count, Held = page.HeldUntil.Count, Capped = page.Capped };
                using (var batch = AlertsTracing.Source.StartActivity("alerts.push.batch"))
                {
                    batch?.SetTag("alerts.push.targets", counts.Targets);
                    await Task.WhenAll(page.Targets.Select(target => sentBefore.Contains(target)
                        ? AlreadySent(counts)
                        : SendAsync(job, eventMessages, target, counts, watch, working)));
                    batch?.SetTag("alerts.push.failed", counts.Failed);
                }

                metrics.PushSent("accepted", counts.Accepted);
                metrics.PushSent("failed", counts.Failed);
                metrics.PushSent("pruned", counts.Pruned);
                if (counts.Failed > 0)
                {
                    PushLog.BatchHadFailures(logger, job.Id, counts.Failed, counts.Targets, counts.FirstFailure);
                }

                if (!await queue.RecordAsync(job, page, counts, released, working.Token))
                {
                    PushLog.LeaseLost(logger, job.Id);
                    return;
                }

                sentBefore = new HashSet<string>();
                if (page.IsLast)
                {
                    break;
                }
            }

            // Read while this node still holds the lease: completing deletes the job's hash.
            var totals = await queue.TotalsAsync(job, working.Token);
            // After a retraction nobody is waiting for the alert any more.
            var completed = await queue.CompleteAsync(job, keepHeld: job.Event.Type != AlertEventType.Retracted, working.Token);
            switch (completed)
            {
                case 1:
                    PushLog.JobFinished(logger, job.Id);
                    break;
                case 2:
                    PushLog.JobWaitsForQuietHours(logger, job.Id);
                    break;
            }

            // Only the lease holder completes the job's pass through its targets, so the line is written once;
            // the later pass for devices waking from quiet hours adds none.
            if (completed != 0 && !job.Releasing)
            {
                await desk.RecordAsync(job.Event.Alert, PushActor, [DeskAction.Pushed], desk.Now(), $"{totals.Sent} sent, {totals.Failed} failed", working.Token);
            }
        }
        catch (PushAuthenticationException e)
        {
            PushLog.AuthenticationFailed(logger, job.Id, AuthRetryDelay, e);
            await queue.ReleaseAsync(job, AuthRetryDelay, working.Token);
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
            PushLog.LeaseLost(logger, job.Id);
        }
        finally
        {
            await working.CancelAsync();
            await renewal;
        }
    }

    /// <summary>
    /// The job's event, or, for devices waking from their quiet hours, the alert as it stands now: a correction
    /// made without a push of its own still reaches them instead of the text it replaced. Null when the alert was
    /// retracted (or is gone): the sleepers never saw it and get nothing.
    /// </summary>
    private async Task<AlertEvent?> EventToSendAsync(PushJob job, CancellationToken cancellationToken)
    {
        if (!job.Releasing)
        {
            return job.Event;
        }

        if (await log.FindAsync(job.Event.Alert.Id, cancellationToken) is not { } current || current.Alert.Status == AlertStatus.Retracted)
        {
            return null;
        }

        return current.Alert.Version == job.Event.Alert.Version
            ? job.Event
            : job.Event with { Type = AlertEventType.Corrected, Alert = current.Alert };
    }

    private async Task<(TargetPage Page, IReadOnlyList<string> Released)> NextPageAsync(PushJob job, string cursor, CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        if (!job.Releasing)
        {
            var page = await targets.NextAsync(job.Event, cursor, size, cancellationToken);
            if (job.Event.Type != AlertEventType.Retracted)
            {
                return (page, []);
            }

            // Devices held back from the alert until now never saw it: they get no withdrawal either.
            var neverSent = await queue.NeverSentAsync(job.Event.Alert.Id, page.Targets, cancellationToken);
            return (neverSent.Count == 0 ? page : page with { Targets = page.Targets.Where(t => !neverSent.Contains(t)).ToList() }, []);
        }

        // Held devices leave the set only when their page is recorded, so the next page can be read only after that.
        var released = await queue.DueHeldAsync(job, size, cancellationToken);
        var woken = await targets.ReleaseAsync(job.Event, released, cancellationToken);
        return (woken with { IsLast = true }, released);
    }

    // Accepted by FCM under an earlier lease, not yet recorded: counted now, not sent again.
    private static Task AlreadySent(BatchCounts counts)
    {
        counts.Accept();
        return Task.CompletedTask;
    }

    /// <summary>Sends the event's messages to one target in order: a withdrawal's visible replacement before its data-only message.</summary>
    private async Task SendAsync(PushJob job, IReadOnlyList<Message> eventMessages, string target, BatchCounts counts, LeaseWatch watch, CancellationTokenSource working)
    {
        var cancellationToken = working.Token;
        var result = SendResult.Accepted;
        foreach (var message in eventMessages)
        {
            result = await sender.SendAsync(targets.Address(message, target), target, job.Event.Alert.ExpiresAt, counts, watch, cancellationToken);
            if (result != SendResult.Accepted)
            {
                break;
            }
        }

        switch (result)
        {
            case SendResult.LeaseLapsed:
                await working.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                break;
            case SendResult.Accepted:
                queue.MarkSent(job, target);
                counts.Accept();
                break;
            case SendResult.Pruned:
                await targets.PruneAsync(target, cancellationToken);
                counts.Prune();
                break;
            default:
                counts.Fail();
                break;
        }
    }

    private async Task RenewAsync(PushJob job, LeaseWatch watch, CancellationTokenSource working)
    {
        var lease = options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 4, time, working.Token);
                var sentAt = time.GetUtcNow();
                if (!await queue.RenewAsync(job, lease, working.Token))
                {
                    await working.CancelAsync();
                    return;
                }

                watch.Renewed(sentAt);
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended or the node is stopping.
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Without renewals the lease may lapse while Redis is away; stop rather than risk a second sender.
            PushLog.DispatcherFailed(logger, e);
            await working.CancelAsync();
        }
    }
}
