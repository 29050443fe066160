using Alerts.Core.Alerts;
using Alerts.Server.Push.Fcm;

namespace Alerts.Server.Push.Targets;

/// <summary>Who an event goes to, page by page from a cursor, so a job can resume where it was recorded.</summary>
internal interface IPushTargets
{
    Task<TargetPage> NextAsync(AlertEvent alertEvent, string cursor, int size, CancellationToken cancellationToken);

    /// <summary>The page for devices whose quiet hours ended: those of <paramref name="released"/> that may still be sent to.</summary>
    Task<TargetPage> ReleaseAsync(AlertEvent alertEvent, IReadOnlyList<string> released, CancellationToken cancellationToken);

    /// <summary>The message addressed to one target.</summary>
    Message Address(Message message, string target);

    /// <summary>Forgets a target FCM called dead.</summary>
    Task PruneAsync(string target, CancellationToken cancellationToken);
}
