using Alerts.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace Alerts.Server.Tests.Fanout;

/// <summary>
/// Pub/sub may drop a message without telling anyone. These tests append events to the log behind
/// the nodes' backs, with no publish, exactly as a lost message looks to a node.
/// </summary>
public sealed class LostMessageTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ASeqThatJumpsIsPrecededByTheMissingEventsFromTheLog()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", 0);
        var first = await node.Editor.PublishAsync("en", "Published normally");

        await AppendWithoutPublishAsync(prefix, first, seq: 2);
        await AppendWithoutPublishAsync(prefix, first, seq: 3);
        var fourth = await node.Editor.PublishAsync("en", "Published after two lost ones");

        await ticker.WaitForSeqAsync("en", fourth.Seq);
        Assert.Equal([1L, 2L, 3L, 4L], ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task ALostLastMessageStillArrivesThroughThePeriodicCheck()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", 0);
        var first = await node.Editor.PublishAsync("en", "Published normally");

        await AppendWithoutPublishAsync(prefix, first, seq: 2);

        await ticker.WaitForSeqAsync("en", 2, TimeSpan.FromSeconds(5));
        Assert.Equal([1L, 2L], ticker.OrderedSeqs("en"));
    }

    private async Task AppendWithoutPublishAsync(string prefix, Core.Alerts.AlertEvent template, long seq)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var json = System.Text.Json.JsonSerializer.Serialize(template with { Seq = seq }, Core.Serialization.AlertsJson.Options);
        await database.StringSetAsync($"{{{prefix}:en}}:seq", seq);
        await database.SortedSetAddAsync($"{{{prefix}:en}}:log", json, seq);
    }
}
