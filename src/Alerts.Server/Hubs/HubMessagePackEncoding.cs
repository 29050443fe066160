using System.Buffers;
using System.Text.Json;
using Alerts.Server.Fanout;
using MessagePack;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alerts.Server.Hubs;

/// <summary>
/// A feed message as SignalR's MessagePack protocol frames it, for negotiated connections that chose
/// it: the invocation of <c>alert</c> or <c>reset</c>, laid out as <see cref="MessagePackHubProtocol"/>
/// lays out an <see cref="InvocationMessage"/>, around the argument transcoded from the log's JSON
/// (<see cref="JsonToMessagePack"/>). Built once per message, like the JSON record; SignalR serializes nothing.
/// </summary>
internal sealed class HubMessagePackEncoding() : FeedEncoding<SerializedHubMessage>("signalr-messagepack")
{
    public const string Protocol = "messagepack";

    public static readonly HubMessagePackEncoding Instance = new();

    public override SerializedHubMessage Encode(FeedMessage message) => new([new SerializedMessage(Protocol, Frame(message))]);

    /// <summary>The invocation with its length prefix, as it goes on the wire.</summary>
    public static byte[] Frame(FeedMessage message)
    {
        var body = new ArrayBufferWriter<byte>(message.Json.Length + 64);
        var writer = new MessagePackWriter(body);
        // [type, headers, invocation id (none: no answer is expected), target, arguments, stream ids].
        writer.WriteArrayHeader(6);
        writer.Write(HubProtocolConstants.InvocationMessageType);
        writer.WriteMapHeader(0);
        writer.WriteNil();
        writer.Write(message.IsReset ? ITickerClient.ResetMethod : ITickerClient.AlertMethod);
        writer.WriteArrayHeader(1);
        using (var argument = JsonDocument.Parse(message.Json))
        {
            JsonToMessagePack.Write(ref writer, argument.RootElement);
        }

        writer.WriteArrayHeader(0);
        writer.Flush();

        // The protocol's length prefix: the body's length as a varint, seven bits a byte, lowest first.
        var length = (uint)body.WrittenCount;
        var prefix = new List<byte>(5);
        do
        {
            var low = (byte)(length & 0x7f);
            length >>= 7;
            prefix.Add(length > 0 ? (byte)(low | 0x80) : low);
        }
        while (length > 0);

        return [.. prefix, .. body.WrittenSpan];
    }
}
