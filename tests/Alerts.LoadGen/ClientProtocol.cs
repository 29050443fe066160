namespace Alerts.LoadGen;

/// <summary>What the clients speak: the SignalR JSON hub protocol (Alerts and the SignalR peer) or Socket.IO 4.</summary>
internal enum ClientProtocol
{
    SignalR,
    SocketIo,
}
