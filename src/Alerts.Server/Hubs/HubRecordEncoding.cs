using System.Text;
using Alerts.Server.Fanout;
using Alerts.Server.Hubs.Direct;

namespace Alerts.Server.Hubs;

/// <summary>
/// A feed message as a record of SignalR's JSON hub protocol: the invocation of <c>alert</c> or
/// <c>reset</c> around the argument's JSON, which is the log's bytes as they are, not serialized again.
/// Direct connections write it to the socket; negotiated ones hand it to SignalR (<see cref="HubMessageEncoding"/>).
/// </summary>
internal sealed class HubRecordEncoding() : FeedEncoding<byte[]>("signalr-json")
{
    public static readonly HubRecordEncoding Instance = new();

    private static readonly byte[] AlertHead = Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{ITickerClient.AlertMethod}\",\"arguments\":[");
    private static readonly byte[] ResetHead = Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{ITickerClient.ResetMethod}\",\"arguments\":[");
    private static readonly byte[] Tail = [(byte)']', (byte)'}', HubFrames.RecordSeparator];

    public override byte[] Encode(FeedMessage message)
    {
        var head = message.IsReset ? ResetHead : AlertHead;
        return [.. head, .. message.Json, .. Tail];
    }
}
