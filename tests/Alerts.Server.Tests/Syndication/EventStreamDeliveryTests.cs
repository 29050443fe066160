using System.Text;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.WebPush;

namespace Alerts.Server.Tests.Syndication;

/// <summary>The delivery report names event streams (<c>sse</c>) as an outlet of their own, beside the live hub.</summary>
public sealed class EventStreamDeliveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnEventStreamsReceiptOfARetractionShowsUnderSseApartFromTheHubConnections()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", null);
        using var response = await node.Public.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/stream"), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        Assert.Equal("reset", (await NextFrameAsync(stream)).Event);

        var alert = await node.Editor.PublishAsync("en", "Dam breaks upstream");
        Assert.Equal(alert.Alert.Id, Alert(await NextFrameAsync(stream)).GetProperty("id").GetString());
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/retract", new { reason = "Wrong river" })).EnsureSuccessStatusCode();
        Assert.Equal("retracted", Alert(await NextFrameAsync(stream)).GetProperty("status").GetString());

        JsonElement delivery = default;
        await PushNodes.UntilAsync(async () =>
        {
            delivery = await node.Editor.GetJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/delivery");
            var sse = WebPushTests.Outlet(delivery, "sse");
            return sse.ValueKind == JsonValueKind.Object && sse.GetProperty("replaced").GetInt64() == 1;
        }, "the stream's withdrawal in the report");

        var streams = WebPushTests.Outlet(delivery, "sse");
        Assert.Equal(("retracted", 0, 1), (streams.GetProperty("event").GetString(), streams.GetProperty("sent").GetInt64(), streams.GetProperty("replaced").GetInt64()));
        var hub = WebPushTests.Outlet(delivery, "hub");
        Assert.Equal(("retracted", 0, 1), (hub.GetProperty("event").GetString(), hub.GetProperty("sent").GetInt64(), hub.GetProperty("replaced").GetInt64()));
        Assert.Equal(1, delivery.GetProperty("hub").GetProperty("connectionsSentTo").GetInt64());
        Assert.Equal(1, delivery.GetProperty("hub").GetProperty("streamsSentTo").GetInt64());
    }

    private static JsonElement Alert((string Event, string Data) frame) => JsonDocument.Parse(frame.Data).RootElement.GetProperty("alert");

    private static async Task<(string Event, string Data)> NextFrameAsync(StreamReader stream)
    {
        string? name = null, data = null;
        while (await stream.ReadLineAsync().WaitAsync(Timeout) is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                return (name, data!);
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The stream ended.");
    }
}
