using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push;

/// <summary>
/// Works one leased job: pages through its targets from the recorded cursor (or, once devices held for
/// their quiet hours wake, through those), sends each page, and records the page (cursor, counters,
/// held devices, one atomic step) before the next. The lease is renewed in
/// the background; once it is lost the job stops at once, since another node now owns it.
/// </summary>
internal sealed class PushJobRunner(
    PushQueue queue, PushMessages messages, IPushTargets targets, PushSender sender, IOptions<PushOptions> options, TimeProvider time, ILogger<PushJobRunner> logger)
{
    private static readonly TimeSpan AuthRetryDelay = TimeSpan.FromMinutes(1);

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
        var watch = new LeaseWatch(time, settings.LeaseDuration);
        var renewal = RenewAsync(job, watch, working);
        try
        {
            if (messages.For(job.Event, time.GetUtcNow()) is not { } message)
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
                        : SendAsync(job, targets.Address(message, target), target, counts, watch, working)));
                    batch?.SetTag("alerts.push.failed", counts.Failed);
                }
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

            switch (await queue.CompleteAsync(job, keepHeld: true, working.Token))
            {
                case 1:
                    PushLog.JobFinished(logger, job.Id);
                    break;
                case 2:
                    PushLog.JobWaitsForQuietHours(logger, job.Id);
                    break;
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

    private async Task<(TargetPage Page, IReadOnlyList<string> Released)> NextPageAsync(PushJob job, string cursor, CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        if (!job.Releasing)
        {
            return (await targets.NextAsync(job.Event, cursor, size, cancellationToken), []);
        }

        // Held devices leave the set only when their page is recorded, so the next page can be read only after that.
        var released = await queue.DueHeldAsync(job, size, cancellationToken);
        var page = await targets.ReleaseAsync(job.Event, released, cancellationToken);
        return (page with { IsLast = true }, released);
    }

    // Accepted by FCM under an earlier lease, not yet recorded: counted now, not sent again.
    private static Task AlreadySent(BatchCounts counts)
    {
        counts.Accept();
        return Task.CompletedTask;
    }

    private async Task SendAsync(PushJob job, Fcm.Message message, string target, BatchCounts counts, LeaseWatch watch, CancellationTokenSource working)
    {
        var cancellationToken = working.Token;
        switch (await sender.SendAsync(message, target, job.Event.Alert.ExpiresAt, counts, watch, cancellationToken))
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
