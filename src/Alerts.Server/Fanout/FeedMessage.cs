using System.Text;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.Hubs;
using Alerts.Server.Hubs.Direct;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alerts.Server.Fanout;

/// <summary>
/// One record for an edition's subscribers, encoded at most once per wire format however many
/// connections take it: direct connections get the JSON record as bytes, negotiated ones a
/// <see cref="SerializedHubMessage"/> that SignalR serializes once per protocol.
/// </summary>
internal sealed class FeedMessage
{
    private readonly string _method;
    private readonly object _argument;
    private byte[]? _record;
    private SerializedHubMessage? _serialized;
    private byte[]? _streamFrame;

    private FeedMessage(string method, object argument, long seq, int events)
    {
        _method = method;
        _argument = argument;
        Seq = seq;
        Events = events;
    }

    /// <summary>The event's seq; for a reset, the seq its live events continue after.</summary>
    public long Seq { get; }

    /// <summary>What the message costs a connection's replay budget: one per event, one per ticker line.</summary>
    public int Events { get; }

    public bool IsReset => _method == ITickerClient.ResetMethod;

    /// <summary>
    /// Which change the event is (alert, type, version): a seq relayed again must be the same change,
    /// or the log went back. Not the JSON: a retraction rewrites earlier events without their content.
    /// Worked out when asked, which is only for a seq relayed again.
    /// </summary>
    public string? Identity => _argument is AlertEvent alertEvent ? IdentityOf(alertEvent) : null;

    public static string IdentityOf(AlertEvent alertEvent) => $"{alertEvent.Alert.Id}/{alertEvent.Type}/{alertEvent.Alert.Version}";

    /// <summary>The SignalR JSON record, as <see cref="DirectHub"/>'s connections write it.</summary>
    public byte[] Record => _record ?? Interlocked.CompareExchange(ref _record, HubFrames.Invocation(_method, _argument), null) ?? _record;

    /// <summary>The invocation as SignalR's connections write it, in whatever protocol each negotiated.</summary>
    public SerializedHubMessage Serialized =>
        _serialized ?? Interlocked.CompareExchange(ref _serialized, new SerializedHubMessage(new InvocationMessage(_method, [_argument])), null) ?? _serialized;

    /// <summary>The Server-Sent Events frame: <c>event: alert|reset</c>, <c>id: {epoch}:{seq}</c>, the argument as data.</summary>
    public byte[] StreamFrame => _streamFrame ?? Interlocked.CompareExchange(ref _streamFrame, EncodeStreamFrame(), null) ?? _streamFrame;

    public static FeedMessage Alert(AlertEvent alertEvent) => new(ITickerClient.AlertMethod, alertEvent, alertEvent.Seq, 1);

    public static FeedMessage Reset(TickerReset reset) => new(ITickerClient.ResetMethod, reset, reset.LatestSeq, Math.Max(1, reset.Ticker.Count));

    private byte[] EncodeStreamFrame()
    {
        var epoch = _argument switch
        {
            AlertEvent alertEvent => alertEvent.Epoch,
            TickerReset reset => reset.Epoch,
            _ => null,
        };
        // JSON without indentation has no line breaks, so the whole argument is one data line.
        var data = JsonSerializer.Serialize(_argument, _argument.GetType(), AlertsJson.Options);
        return Encoding.UTF8.GetBytes($"event: {_method}\nid: {epoch}:{Seq}\ndata: {data}\n\n");
    }
}
