namespace Alerts.Server.Push.Sending;

/// <summary>
/// The fields of a pushed event's hash (<see cref="PushKeys.Item"/>), named once: the scripts read them from the
/// <c>ITEM</c> table <see cref="PushScripts"/> writes from these constants. The outbox keeps the cursor, the lease
/// and the progress through the targets; this hash keeps what is push's own: the counts for the history line.
/// </summary>
internal static class ItemFields
{
    /// <summary>Unix ms of the first attempt; the alert's pending count went up once then.</summary>
    public const string Started = "started";

    /// <summary>Unix ms the pass ended; kept until the alert expires, so an attempt repeated after a crash sends nothing.</summary>
    public const string Done = "done";

    /// <summary>Sends FCM accepted over the event's pages, whichever node sent them: the <c>pushed</c> history line's count.</summary>
    public const string Sent = "sent";

    /// <summary>Sends that failed for good over the event's pages, to tokens FCM calls dead included.</summary>
    public const string Failed = "failed";

    public static IEnumerable<(string Name, string Value)> All() =>
        [(nameof(Started), Started), (nameof(Done), Done), (nameof(Sent), Sent), (nameof(Failed), Failed)];
}
