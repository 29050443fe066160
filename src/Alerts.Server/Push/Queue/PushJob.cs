using Alerts.Core.Alerts;

namespace Alerts.Server.Push.Queue;

/// <summary>A leased job: the event to push, how far through its targets it got, and the lease that lets this node record progress.</summary>
/// <param name="Id">The edition and seq of the event, which makes creating the job idempotent.</param>
/// <param name="Event">The event to push: the alert's newest, since a newer event's job supersedes a held one.</param>
/// <param name="Cursor">The last target recorded as done; empty at the start.</param>
/// <param name="Sent">Targets FCM accepted in the batch that was in flight when an earlier lease ended.</param>
/// <param name="LeaseId">What proves this node still holds the job when it records progress.</param>
/// <param name="Leases">How many times the job was leased; above 1 means this node took it over.</param>
/// <param name="Releasing">Whether the job is past its targets and now sends to devices whose quiet hours ended (<see cref="JobPhase.Releasing"/>).</param>
/// <param name="LeasedAt">
/// The clock reading the lease's deadline was counted from. The lease is trusted from then, not from when
/// the work starts: a node starved of CPU between reading its clock and its script running may get a
/// lease that has already lapsed, and another node may hold the job by the time this one would send.
/// </param>
internal sealed record PushJob(string Id, AlertEvent Event, string Cursor, IReadOnlySet<string> Sent, string LeaseId, int Leases, bool Releasing, DateTimeOffset LeasedAt);
