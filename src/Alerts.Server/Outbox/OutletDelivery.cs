namespace Alerts.Server.Outbox;

/// <summary>One outlet's entry in the delivery report: what the alert's latest event (<paramref name="Event"/>, at <paramref name="Seq"/>) reached there.</summary>
internal sealed record OutletDelivery(
    string Outlet, string? Event, long? Seq, long Sent, long Replaced, long Pruned, long Failed, long NotApplicable, DateTimeOffset? FirstAt, DateTimeOffset? LastAt);
