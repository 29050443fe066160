using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout;

public sealed class CrossNodeDeliveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnAlertPostedOnOneNodeReachesASubscriberOfAnother()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var nodeB = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var ticker = await TickerClient.ConnectAsync(nodeB);
        await ticker.SubscribeAsync("en", null);

        var published = await nodeA.Editor.PublishAsync("en", "Parliament dissolved");

        await ticker.WaitForSeqAsync("en", published.Seq);
        var received = Assert.Single(ticker.Received);
        Assert.Equal(published.Alert.Id, received.Alert.Id);
        Assert.Equal("Parliament dissolved", received.Alert.Headline);
    }
}
