namespace Alerts.Server.Push.Queue;

/// <summary>
/// The fields of a job's Redis hash (<see cref="PushKeys.Job"/>), named once: the queue's Lua scripts
/// read them from the <c>JOB</c> table <see cref="QueueScripts"/> writes from these constants.
/// </summary>
internal static class JobFields
{
    /// <summary>The event to push, as the log stored it (JSON).</summary>
    public const string Event = "event";

    /// <summary>The alert's id, so leasing can tell whether a newer job of the alert exists.</summary>
    public const string Alert = "alert";

    /// <summary>The last target recorded as done; empty at the start of a pass.</summary>
    public const string Cursor = "cursor";

    /// <summary>One of <see cref="JobPhase"/>.</summary>
    public const string Phase = "phase";

    /// <summary>The alert's job queued before this one, which this one waits for while it sends.</summary>
    public const string After = "after";

    /// <summary>The lease id of the node working the job; absent while nobody does.</summary>
    public const string Lease = "lease";

    /// <summary>Which node holds the lease, for operators reading Redis.</summary>
    public const string Owner = "owner";

    /// <summary>How many times the job was leased; above 1 means a node took it over.</summary>
    public const string Leases = "leases";

    /// <summary>Sends FCM accepted over the job's pages, whichever node sent them: the <c>pushed</c> history line's count.</summary>
    public const string Sent = "sent";

    /// <summary>Sends that failed for good over the job's pages, to tokens FCM calls dead included.</summary>
    public const string Failed = "failed";

    public static IEnumerable<(string Name, string Value)> All() =>
    [
        (nameof(Event), Event), (nameof(Alert), Alert), (nameof(Cursor), Cursor), (nameof(Phase), Phase),
        (nameof(After), After), (nameof(Lease), Lease), (nameof(Owner), Owner), (nameof(Leases), Leases),
        (nameof(Sent), Sent), (nameof(Failed), Failed),
    ];
}
