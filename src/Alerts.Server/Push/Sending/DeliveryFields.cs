namespace Alerts.Server.Push.Sending;

/// <summary>The fields of an alert's delivery hash (<see cref="PushKeys.Delivery"/>) besides the batch counters, named once.</summary>
internal static class DeliveryFields
{
    /// <summary>The alert's pushes not yet done: events being sent, and the devices held for their quiet hours (one).</summary>
    public const string PendingJobs = "pendingJobs";

    public const string QueuedAt = "queuedAt";

    /// <summary>Unix ms of the first batch FCM accepted a send of; the receipts' 2-minute window starts here.</summary>
    public const string FirstSentAt = "firstSentAt";

    public const string LastSentAt = "lastSentAt";

    /// <summary>Devices the alert's first (published) job targeted or held: what the 2-minute share is of.</summary>
    public const string Audience = "audience";

    public static IEnumerable<(string Name, string Value)> All() =>
    [
        (nameof(PendingJobs), PendingJobs), (nameof(QueuedAt), QueuedAt),
        (nameof(FirstSentAt), FirstSentAt), (nameof(LastSentAt), LastSentAt), (nameof(Audience), Audience),
    ];
}
