using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Runs on every node, in both modes: removes registrations not renewed within <see cref="PushOptions.RegistrationTtl"/>
/// (and their topic subscriptions), so the registry forgets phones that uninstalled the app, and reports the
/// registry's size per edition to <c>/metrics</c>. Two nodes removing the same device is harmless.
/// </summary>
internal sealed class RegistrationSweeper(
    DeviceRegistry registry, TopicMirror mirror, Taxonomy taxonomy, AlertsMetrics metrics, IOptions<PushOptions> options, TimeProvider time,
    ILogger<RegistrationSweeper> logger) : BackgroundService
{
    private const int PerRound = 500;

    private TimeSpan Interval => TimeSpan.FromTicks(Math.Clamp(options.Value.RegistrationTtl.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A failed round must not stop the host; the next round sweeps what this one left.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PushLog.DispatcherFailed(logger, e);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> expired;
        do
        {
            var now = time.GetUtcNow();
            expired = await registry.ExpiredAsync(now, PerRound, cancellationToken);
            // The round's removals go to Redis together (each one is its own script, atomic on its own).
            var removed = (await Task.WhenAll(expired.Select(id => registry.RemoveIfExpiredAsync(id, now, cancellationToken)))).OfType<DeviceRegistration>().ToList();
            foreach (var device in removed)
            {
                await mirror.EnqueueAsync(device.Token, [], device.Topics(), cancellationToken);
            }

            if (removed.Count > 0)
            {
                PushLog.RegistrationsExpired(logger, removed.Count, options.Value.RegistrationTtl);
            }
        }
        while (expired.Count == PerRound);

        foreach (var edition in taxonomy.Editions.Keys)
        {
            metrics.DevicesRegistered(edition, await registry.CountAsync(edition, cancellationToken));
        }
    }
}
