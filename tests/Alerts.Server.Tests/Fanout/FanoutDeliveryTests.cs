using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Fanout;

public sealed class FanoutDeliveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheDeliveryReportCountsTheNodesAndConnectionsTheHubReached()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var nodeB = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        await using var a1 = await TickerClient.ConnectAsync(nodeA, route: HubRoute.Negotiated);
        await using var a2 = await TickerClient.ConnectAsync(nodeA);
        await using var b1 = await TickerClient.ConnectAsync(nodeB);
        await using var elsewhere = await TickerClient.ConnectAsync(nodeB);
        foreach (var ticker in new[] { a1, a2, b1 })
        {
            await ticker.SubscribeAsync("en", null);
        }

        await elsewhere.SubscribeAsync("ar", null);
        await a2.Connection.InvokeAsync("Unsubscribe", "en").WaitAsync(TimeSpan.FromSeconds(5));

        var published = await nodeA.Editor.PublishAsync("en", "Counted on every node");
        await a1.WaitForSeqAsync("en", published.Seq);
        await b1.WaitForSeqAsync("en", published.Seq);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        System.Text.Json.JsonElement hub;
        do
        {
            await Task.Delay(50);
            hub = (await nodeB.Editor.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}/delivery")).GetProperty("hub");
        }
        while (hub.GetProperty("nodesReached").GetInt64() < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(2, hub.GetProperty("nodesReached").GetInt64());
        Assert.Equal(2, hub.GetProperty("connectionsSentTo").GetInt64());
    }
}
