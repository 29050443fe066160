using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Alerts.Server.EventLog;
using Alerts.Server.Fanout;
using Alerts.Server.Hubs;
using Alerts.Server.Tests.Fanout.Transports;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Alerts.Server.Tests.Hubs;

/// <summary>The MessagePack frames the feeds build themselves are read by SignalR's own MessagePack protocol as the invocations they stand for.</summary>
public sealed class HubMessagePackEncodingTests
{
    private static readonly MessagePackHubProtocol Protocol = new();

    [Fact]
    public void SignalRsProtocolReadsAResetFrameBackAsTheInvocationOfResetWithTheTicker()
    {
        var ticker = new TickerReset("en", 41, [AlertEvent().Alert, AlertEvent().Alert with { Id = "01JXZZ" }], "epoch-2");
        var message = FeedMessage.Reset(ticker, new UncountedRelayWork());

        var (target, argument) = Parse(HubMessagePackEncoding.Frame(message));

        Assert.Equal(ITickerClient.ResetMethod, target);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(message.Json), argument));
    }

    [Fact]
    public void SignalRsProtocolReadsAnAlertFrameBackAsTheInvocationOfAlertWithTheLogsJson()
    {
        Assert.True(PublishedEvent.TryRead(JsonSerializer.Serialize(AlertEvent(), AlertsJson.Options), "en", out var loggedEvent));
        var message = FeedMessage.Alert(loggedEvent, new UncountedRelayWork());

        var (target, argument) = Parse(HubMessagePackEncoding.Frame(message));

        Assert.Equal(ITickerClient.AlertMethod, target);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(message.Json), argument), $"Read back as {argument}");
    }

    /// <summary>The frame as SignalR's protocol reads it: one whole invocation (length prefix included) expecting no answer.</summary>
    private static (string Target, JsonNode? Argument) Parse(byte[] frame)
    {
        var input = new ReadOnlySequence<byte>(frame);

        Assert.True(Protocol.TryParseMessage(ref input, new ObjectArguments(), out var parsed));

        Assert.True(input.IsEmpty);
        var invocation = Assert.IsType<InvocationMessage>(parsed);
        Assert.Null(invocation.InvocationId);
        return (invocation.Target, JsonSerializer.SerializeToNode(MessagePackArgument.ToJson(Assert.Single(invocation.Arguments))));
    }

    private static AlertEvent AlertEvent()
    {
        var now = DateTimeOffset.Parse("2026-12-07T21:40:00.123+00:00", System.Globalization.CultureInfo.InvariantCulture);
        return new AlertEvent
        {
            Seq = 300,
            Epoch = "epoch-1",
            Type = AlertEventType.Published,
            Edition = "en",
            At = now,
            Alert = new Alert
            {
                Id = "01JXYZ",
                Edition = "en",
                Headline = "Ünïcode headline with a \"quote\"",
                Author = "test",
                PublishedAt = now,
                UpdatedAt = now,
                ExpiresAt = now.AddHours(1),
            },
        };
    }

    /// <summary>Binds every invocation's one argument as <see cref="object"/>, as a handler taking object would.</summary>
    private sealed class ObjectArguments : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(object)];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
