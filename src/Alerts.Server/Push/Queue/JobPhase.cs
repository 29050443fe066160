namespace Alerts.Server.Push.Queue;

/// <summary>
/// A push job's life, one place. The job is created by the outbox in the same step that moves the
/// edition's cursor, and lives in the queue (a sorted set scored by when it may next be leased):
/// <code>
///            lease                      complete, nobody held
///  queued ─────────► sending ───────────────────────────────────────────────► done (deleted)
///    ▲                 │  │ complete, devices of the alert held for their quiet hours
///    └─ hand back ─────┘  ▼
///                        held ───── first device wakes: lease ─────► releasing ──► held or done
///                         │
///                         └─ a newer job of the alert is queued or starts ─────────► superseded (deleted)
/// </code>
/// A lease that lapses (the node died) leaves the phase as it was; the next node leases the job again
/// and resumes after its recorded cursor. A job waits for the alert's earlier job while that one is
/// sending or releasing, never while it is held: quiet hours do not delay a correction or retraction.
/// </summary>
internal static class JobPhase
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Held = "held";
    public const string Releasing = "releasing";

    public static IEnumerable<(string Name, string Value)> All() =>
        [(nameof(Queued), Queued), (nameof(Sending), Sending), (nameof(Held), Held), (nameof(Releasing), Releasing)];
}
