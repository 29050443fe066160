using Alerts.Core.Alerts;

namespace Alerts.Server.Outbox;

/// <summary>
/// Somewhere the events of an edition's log go out to (a webhook, the browsers' push services). The
/// <see cref="OutboxWorker"/> reads the log and calls the outlet once per wanted event, in seq order; the
/// outlet only sends and answers how it went. It never moves the cursor, leases or retries itself.
/// </summary>
internal interface IOutlet
{
    /// <summary>The outlet's name in keys, logs, metrics and the delivery report: <c>webpush</c>, <c>webhook:{name}</c>.</summary>
    string Name { get; }

    /// <summary>The editions whose logs it follows.</summary>
    IReadOnlyList<string> Editions { get; }

    OutboxPolicy Policy { get; }

    /// <summary>
    /// True for an outlet that is one receiver (a webhook): the outbox counts each event as one target in the
    /// delivery report. An outlet that fans out to many targets counts them itself, through <see cref="OutletReach"/>.
    /// </summary>
    bool IsOneTarget { get; }

    /// <summary>Whether the event goes out here at all; one it does not want moves the cursor past it unsent.</summary>
    bool Wants(AlertEvent alertEvent);

    Task<OutletResult> DeliverAsync(OutboxItem item, CancellationToken cancellationToken);
}
