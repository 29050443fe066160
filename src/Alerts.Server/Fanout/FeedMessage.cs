using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Server.EventLog;

namespace Alerts.Server.Fanout;

/// <summary>
/// One message for an edition's subscribers: an event as the log's JSON bytes with its header, or a
/// ticker reset. Each wire format (<see cref="FeedEncoding{T}"/>) is built from it at most once and
/// shared by every connection of that format; the transports frame, the feed only carries.
/// </summary>
internal sealed class FeedMessage
{
    private readonly string _edition;
    private readonly IRelayWork _work;
    private readonly object?[] _encoded = new object?[FeedEncoding.MaxEncodings];

    private FeedMessage(FeedMessageKind kind, string edition, long seq, string? epoch, int events, byte[] json, EventHeader? header, IRelayWork work)
    {
        Kind = kind;
        _edition = edition;
        Seq = seq;
        Epoch = epoch;
        Events = events;
        Json = json;
        Header = header;
        _work = work;
    }

    public FeedMessageKind Kind { get; }

    /// <summary>The event's seq; for a reset, the seq its live events continue after.</summary>
    public long Seq { get; }

    /// <summary>The epoch of the event, or of the log the reset's ticker was read from.</summary>
    public string? Epoch { get; }

    /// <summary>What the message costs a connection's replay budget: one per event, one per ticker line.</summary>
    public int Events { get; }

    /// <summary>The argument as JSON: the event as the log holds it, or the reset.</summary>
    public byte[] Json { get; }

    /// <summary>The event's header; null for a reset.</summary>
    public EventHeader? Header { get; }

    public bool IsReset => Kind == FeedMessageKind.Reset;

    public static FeedMessage Alert(LoggedEvent loggedEvent, IRelayWork work) =>
        new(FeedMessageKind.Alert, loggedEvent.Header.Edition, loggedEvent.Header.Seq, loggedEvent.Header.Epoch, 1, loggedEvent.Json, loggedEvent.Header, work);

    public static FeedMessage Reset(TickerReset reset, IRelayWork work) =>
        new(FeedMessageKind.Reset, reset.Edition, reset.LatestSeq, reset.Epoch, Math.Max(1, reset.Ticker.Count),
            JsonSerializer.SerializeToUtf8Bytes(reset, AlertsJson.Options), null, work);

    /// <summary>The message in <paramref name="encoding"/>'s format, built by the first connection that asks.</summary>
    public T Encoded<T>(FeedEncoding<T> encoding)
        where T : class
    {
        if (Volatile.Read(ref _encoded[encoding.Slot]) is T built)
        {
            return built;
        }

        // Built under the message's own lock: two replays taking one recent message at once still build it once.
        lock (_encoded)
        {
            if (_encoded[encoding.Slot] is not T encoded)
            {
                encoded = encoding.Encode(this);
                _work.Encoded(encoding.Name, Kind, _edition, Seq);
                Volatile.Write(ref _encoded[encoding.Slot], encoded);
            }

            return encoded;
        }
    }
}
