using Alerts.Core.Alerts;

namespace Alerts.Server.Outbox;

/// <summary>
/// One event handed to an outlet: the log's bytes (<c>Stored</c>), the event read from them, a message id
/// stable across attempts and nodes (a receiver can drop a repeat), the attempt counted across nodes
/// (1 for the first), how far an earlier attempt got through the outlet's own targets, the lease to check before
/// each send, and the node's stopping token (seen between pages: save, then answer <see cref="OutletOutcome.Stopped"/>).
/// </summary>
internal sealed record OutboxItem(
    string Edition, StoredEvent Stored, AlertEvent Event, string MessageId, int Attempt, OutboxProgress Progress, OutboxLease Lease, CancellationToken Stopping);
