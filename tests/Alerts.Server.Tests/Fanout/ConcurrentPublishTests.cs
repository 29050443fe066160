using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout;

public sealed class ConcurrentPublishTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AHundredConcurrentPostsGetDistinctGapFreeSeqsDeliveredInOrder()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var nodeB = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var ticker = await TickerClient.ConnectAsync(nodeB);
        await ticker.SubscribeAsync("en", 0);

        var published = await Task.WhenAll(Enumerable.Range(1, 100).Select(i =>
            (i % 2 == 0 ? nodeA : nodeB).Editor.PublishAsync("en", $"Concurrent line {i}")));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), published.Select(e => e.Seq).Order());
        Assert.Equal(100, published.Select(e => e.Alert.Id).Distinct().Count());
        await ticker.WaitForSeqAsync("en", 100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), ticker.OrderedSeqs("en"));
    }
}
