namespace Alerts.Server.Push.Receipts;

/// <summary>
/// How far an alert's pushes got, over all its push jobs (publish, corrections, retraction).
/// <c>Pending</c> counts the alert's unfinished push jobs; <c>Held</c> and <c>Capped</c> count devices
/// skipped for their quiet hours or their hourly cap (devices mode).
/// </summary>
internal sealed record PushDelivery(
    bool Enabled, long Targets, long Accepted, long Failed, long Retried, long Pruned, long Held, long Capped, long Pending,
    DateTimeOffset? FirstSentAt, DateTimeOffset? LastSentAt, PushReceipts Receipts);
