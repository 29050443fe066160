using Alerts.Core.Alerts;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Devices mode: the targets are the edition's registered tokens that want the alert, paged in token
/// order. Quiet hours hold non-flash notifications back until they end, and the hourly cap applies to
/// them; a retraction reaches every device at once, silently, so apps can withdraw what they show.
/// </summary>
internal sealed class DeviceTargets(DeviceRegistry registry, IOptions<PushOptions> options, TimeProvider time, ILogger<DeviceTargets> logger) : IPushTargets
{
    public async Task<TargetPage> NextAsync(AlertEvent alertEvent, string cursor, int size, CancellationToken cancellationToken)
    {
        var (devices, lastToken, scanned) = await registry.PageAsync(alertEvent.Edition, cursor, size, cancellationToken);
        if (lastToken is null)
        {
            return new TargetPage([], cursor, IsLast: true, []);
        }

        var alert = alertEvent.Alert;
        var now = time.GetUtcNow();
        // A registration past its expiry that the sweeper has not removed yet is already gone for sending.
        var wanted = devices.Where(d => d.Wants(alert) && registry.ExpiresAt(d) > now).ToList();
        if (alertEvent.Type == AlertEventType.Retracted || alert.Urgency == Urgency.Flash)
        {
            return new TargetPage(wanted.Select(d => d.Token).ToList(), lastToken, IsLast: scanned < size, []);
        }

        var held = wanted.Where(d => d.QuietHours?.Covers(now) == true).Select(d => (d.Token, d.QuietHours!.EndAfter(now))).ToList();
        var awake = wanted.Where(d => d.QuietHours?.Covers(now) != true).Select(d => d.Token).ToList();
        var allowed = await registry.WithinCapAsync(awake, options.Value.DeviceHourlyCap, now, cancellationToken);
        return new TargetPage(allowed, lastToken, IsLast: scanned < size, held, Capped: awake.Count - allowed.Count);
    }

    public async Task<TargetPage> ReleaseAsync(AlertEvent alertEvent, IReadOnlyList<string> released, CancellationToken cancellationToken)
    {
        var allowed = await registry.WithinCapAsync(released, options.Value.DeviceHourlyCap, time.GetUtcNow(), cancellationToken);
        return new TargetPage(allowed, "", IsLast: true, [], Capped: released.Count - allowed.Count);
    }

    public Message Address(Message message, string target) => message with { Token = target };

    public async Task PruneAsync(string target, CancellationToken cancellationToken)
    {
        if (await registry.RemoveAsync(target, cancellationToken) is not null)
        {
            PushLog.TokenPruned(logger, LoggedToken.Of(target), "FCM reported it unregistered or invalid");
        }
    }
}
