using System.Buffers;
using System.Text.Json;

namespace Alerts.Server.Hubs.Direct;

/// <summary>
/// Server-to-client records of SignalR's JSON hub protocol that are not feed messages (those are
/// <see cref="HubRecordEncoding"/>'s): the handshake, pings, completions and closes.
/// </summary>
internal static class HubFrames
{
    public const byte RecordSeparator = 0x1e;

    public static readonly byte[] HandshakeAccepted = "{}\u001e"u8.ToArray();

    public static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();

    /// <summary>The close message SignalR clients take as "reconnect, to this node or another".</summary>
    public static readonly byte[] GoingAway = "{\"type\":7,\"allowReconnect\":true}\u001e"u8.ToArray();

    public static byte[] HandshakeRejected(string error) => Write(writer => writer.WriteString("error", error));

    public static byte[] Completion(string invocationId, string? error) => Write(writer =>
    {
        writer.WriteNumber("type", 3);
        writer.WriteString("invocationId", invocationId);
        if (error is null)
        {
            writer.WriteNull("result");
        }
        else
        {
            writer.WriteString("error", error);
        }
    });

    public static byte[] Closed(string error) => Write(writer =>
    {
        writer.WriteNumber("type", 7);
        writer.WriteString("error", error);
        writer.WriteBoolean("allowReconnect", true);
    });

    private static byte[] Write(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        buffer.Write([RecordSeparator]);
        return buffer.WrittenSpan.ToArray();
    }
}
