namespace Alerts.Server.Fanout;

/// <summary>How far an alert got through the hub: the nodes that relayed it and the connections they sent it to.</summary>
internal sealed record HubDelivery(long NodesReached, long ConnectionsSentTo);
