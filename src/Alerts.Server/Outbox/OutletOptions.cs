using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Outbox;

/// <summary>
/// How the outbox leases, polls, retries and logs one outlet: the same keys under each outlet's own section
/// (<c>Alerts:Push</c> for FCM, <c>Alerts:WebPush</c>, <c>Alerts:WebhookDelivery</c> for every webhook), bound as
/// named options (the outlet's options name) with the outlet's own defaults, and validated at start.
/// </summary>
internal sealed class OutletOptions
{
    /// <summary>How long a node's claim on an outlet's edition lasts without renewal; another node takes over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shortest wait before the holder looks again when the log had nothing new: for due work already late (FCM's
    /// quiet-hours releases it could not finish) and after a failed round. New events wake it at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an idle holder waits for this node to see its edition's log move before it looks at the log anyway:
    /// the bound on delivering an event whose pub/sub message this node missed. Capped at a third of the lease, which
    /// each look renews.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after an item's first failure; it doubles per failure up to <see cref="MaxRetryDelay"/>, or the receiver's Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its first failure an item is still retried; then it is logged as abandoned and the next one goes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many attempts the outlet's delivery log keeps, newest first.</summary>
    [Range(10, 10_000)]
    public int DeliveryLogLength { get; set; } = 500;

    /// <param name="renewWhileDelivering">Whether the outlet's page can outlast a lease (see <see cref="OutboxPolicy.RenewWhileDelivering"/>).</param>
    public OutboxPolicy ToPolicy(bool renewWhileDelivering) =>
        new(LeaseDuration, PollInterval, IdleCheckInterval, FirstRetryDelay, MaxRetryDelay, GiveUpAfter, DeliveryLogLength, renewWhileDelivering);
}
