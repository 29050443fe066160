namespace Alerts.Server.Fanout;

/// <summary>How far an alert's latest event got through the fan-out: the nodes that relayed it, the hub connections and the event streams they sent it to.</summary>
internal sealed record HubDelivery(long NodesReached, long ConnectionsSentTo, long StreamsSentTo);
