namespace Alerts.Server.Outbox;

/// <summary>How an outlet's items are leased and retried.</summary>
/// <param name="LeaseDuration">How long a node's claim on an outlet's edition lasts without renewal.</param>
/// <param name="PollInterval">The shortest wait between two looks at the log and due work while nothing new came.</param>
/// <param name="IdleCheckInterval">The longest wait between two looks while this node sees no append.</param>
/// <param name="FirstRetryDelay">The wait after the first failure; doubled per failure up to <paramref name="MaxRetryDelay"/>, or the outlet's Retry-After.</param>
/// <param name="MaxRetryDelay">The longest wait between attempts.</param>
/// <param name="GiveUpAfter">How long after its first failure an item is still retried before it is abandoned.</param>
/// <param name="DeliveryLogLength">How many attempts the outlet's delivery log keeps.</param>
/// <param name="RenewWhileDelivering">
/// Whether the worker renews the lease while the outlet works an item, for an outlet whose page can outlast a lease
/// (FCM, paced by a rate limit). Without it only the outlet's saves renew it, so an outlet that hangs loses it.
/// </param>
internal sealed record OutboxPolicy(
    TimeSpan LeaseDuration, TimeSpan PollInterval, TimeSpan IdleCheckInterval, TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay, TimeSpan GiveUpAfter, int DeliveryLogLength,
    bool RenewWhileDelivering = false);
