using System.Net.WebSockets;
using System.Text;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hubs;

/// <summary>
/// One small message must not buy many replays: a connection that already has every event after the
/// position it asks for again is left as it is.
/// </summary>
public sealed class SubscribeFloodTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Events = 30;
    private const string Last = """{"type":1,"invocationId":"last","target":"Subscribe","arguments":["en",0]}""";

    [Fact]
    public async Task SeventySubscribeCallsInOneMessageReturnAtMostOneReplayMoreThanOne()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        for (var i = 1; i <= Events; i++)
        {
            await node.Editor.PublishAsync("en", $"Line number {i} of the history a flood would replay many times over");
        }

        var single = await AlertBytesAsync(node, Last + "\u001e");
        var calls = string.Concat(Enumerable.Repeat("""{"type":1,"target":"Subscribe","arguments":["en",0]}""" + "\u001e", 69)) + Last + "\u001e";
        Assert.True(Encoding.UTF8.GetByteCount(calls) <= 4 * 1024, "The flood must fit the hub's 4 KB message limit.");

        var flood = await AlertBytesAsync(node, calls);

        Assert.True(single > 0, "One Subscribe replays the history.");
        Assert.True(flood <= 2 * single, $"70 Subscribe calls returned {flood} bytes of events; one returned {single}.");
    }

    /// <summary>Sends <paramref name="message"/> as one WebSocket message and counts the bytes of <c>alert</c> records until the call named "last" completes.</summary>
    private static async Task<long> AlertBytesAsync(AlertsNode node, string message)
    {
        using var socket = await RawHubSocket.ConnectAsync(node);
        await RawHubSocket.HandshakeAsync(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        long bytes = 0;
        while (true)
        {
            foreach (var record in (await RawHubSocket.ReceiveAsync(socket)).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                if (record.Contains("\"target\":\"alert\"", StringComparison.Ordinal))
                {
                    bytes += Encoding.UTF8.GetByteCount(record);
                }
                else if (record.Contains("\"invocationId\":\"last\"", StringComparison.Ordinal))
                {
                    Assert.DoesNotContain("error", record, StringComparison.Ordinal);
                    return bytes;
                }
            }
        }
    }
}
