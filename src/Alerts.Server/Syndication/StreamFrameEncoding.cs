using System.Globalization;
using System.Text;
using Alerts.Server.Fanout;

namespace Alerts.Server.Syndication;

/// <summary>
/// A feed message as a Server-Sent Events frame: <c>event: alert|reset</c>, <c>id: {epoch}:{seq}</c>,
/// and the argument's JSON as one data line (the log's JSON is compact: it holds no line break).
/// </summary>
internal sealed class StreamFrameEncoding() : FeedEncoding<byte[]>("sse")
{
    public static readonly StreamFrameEncoding Instance = new();

    private static readonly byte[] Tail = "\n\n"u8.ToArray();

    public override byte[] Encode(FeedMessage message)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"event: {(message.IsReset ? "reset" : "alert")}\nid: {message.Epoch}:{message.Seq}\ndata: "));
        return [.. head, .. message.Json, .. Tail];
    }
}
