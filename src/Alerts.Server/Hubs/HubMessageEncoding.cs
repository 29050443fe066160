using Alerts.Server.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Alerts.Server.Hubs;

/// <summary>
/// A feed message as SignalR's negotiated connections write it: the JSON record of
/// <see cref="HubRecordEncoding"/>, already serialized, so SignalR serializes nothing. Connections
/// that negotiated MessagePack take <see cref="HubMessagePackEncoding"/> instead.
/// </summary>
internal sealed class HubMessageEncoding() : FeedEncoding<SerializedHubMessage>("signalr-message")
{
    public const string JsonProtocol = "json";

    public static readonly HubMessageEncoding Instance = new();

    public override SerializedHubMessage Encode(FeedMessage message) =>
        new([new SerializedMessage(JsonProtocol, message.Encoded(HubRecordEncoding.Instance))]);
}
