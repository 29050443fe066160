using Microsoft.AspNetCore.SignalR;

namespace SignalRPeer;

/// <summary>The same client surface as Alerts' hub, minus history: a subscriber joins the edition's group.</summary>
internal sealed class PeerHub : Hub
{
    public Task Subscribe(string edition, long? afterSeq) =>
        Groups.AddToGroupAsync(Context.ConnectionId, $"edition:{edition}", Context.ConnectionAborted);
}
