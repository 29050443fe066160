using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Hubs;

/// <summary>The hub's subscription guarantees, on both servers of /hubs/alerts.</summary>
public abstract class CatchUpTests(RedisFixture redis, HubRoute route) : IAsyncLifetime
{
    private AlertsNode _node = null!;

    public async Task InitializeAsync() => _node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task SubscribingAfterSeqKReceivesKPlusOneToLatestThenLive()
    {
        for (var i = 1; i <= 6; i++)
        {
            await _node.Editor.PublishAsync("en", $"Earlier line {i}");
        }

        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);
        await ticker.SubscribeAsync("en", 3);
        var live = await _node.Editor.PublishAsync("en", "Live line");

        await ticker.WaitForSeqAsync("en", live.Seq);
        Assert.Equal([4L, 5L, 6L, 7L], ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task SubscribingWithNullReceivesOnlyLiveEvents()
    {
        await _node.Editor.PublishAsync("en", "Before subscribing");
        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);

        await ticker.SubscribeAsync("en", null);
        var live = await _node.Editor.PublishAsync("en", "After subscribing");

        await ticker.WaitForSeqAsync("en", live.Seq);
        Assert.Equal([live.Seq], ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task EventsOfOtherEditionsAndAfterUnsubscribeDoNotArrive()
    {
        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);
        await ticker.SubscribeAsync("en", 0);
        await ticker.SubscribeAsync("es", 0);

        await _node.Editor.PublishAsync("ar", "خبر");
        await ticker.Connection.InvokeAsync("Unsubscribe", "es").WaitAsync(TimeSpan.FromSeconds(5));
        await _node.Editor.PublishAsync("es", "Noticia");
        var marker = await _node.Editor.PublishAsync("en", "Marker");

        await ticker.WaitForSeqAsync("en", marker.Seq);
        Assert.All(ticker.Received, e => Assert.Equal("en", e.Edition));
    }

    [Fact]
    public async Task AnUnknownEditionIsAHubException()
    {
        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);

        var error = await Assert.ThrowsAsync<HubException>(() => ticker.SubscribeAsync("fr", 0));

        Assert.Contains("Unknown edition 'fr'", error.Message);
    }

    [Theory]
    [InlineData("SendAsync")]
    [InlineData("OnConnectedAsync")]
    [InlineData("Alert")]
    [InlineData("Broadcast")]
    public async Task NoOtherHubMethodCanBeInvoked(string method)
    {
        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);
        await using var other = await TickerClient.ConnectAsync(_node, route: route);
        await other.SubscribeAsync("en", null);

        var error = await Assert.ThrowsAsync<HubException>(() => ticker.Connection.InvokeAsync(method, "en").WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Contains($"Failed to invoke '{method}'", error.Message);
        var marker = await _node.Editor.PublishAsync("en", "Marker");
        await other.WaitForSeqAsync("en", marker.Seq);
        Assert.Single(other.Received);
    }

    [Fact]
    public async Task ASubscriberWhoseSeqLeftRetentionGetsTheTickerThenLiveEvents()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { ["Alerts:Redis:Retention"] = "100" });
        for (var i = 1; i <= 105; i++)
        {
            await node.Editor.PublishAsync("en", $"Line {i}");
        }

        await using var ticker = await TickerClient.ConnectAsync(node, route: route);
        await ticker.SubscribeAsync("en", 2);
        var live = await node.Editor.PublishAsync("en", "Live after reset");

        await ticker.WaitForSeqAsync("en", live.Seq);
        var reset = Assert.Single(ticker.Resets);
        Assert.Equal(105, reset.GetProperty("latestSeq").GetInt64());
        Assert.Equal("Line 105", reset.GetProperty("ticker")[0].GetProperty("headline").GetString());
        Assert.Equal([live.Seq], ticker.OrderedSeqs("en"));
    }

    [Fact]
    public async Task ASubscriberAheadOfTheLogGetsTheTickerAndThenNewEvents()
    {
        await _node.Editor.PublishAsync("en", "The only line the log has");
        await using var ticker = await TickerClient.ConnectAsync(_node, route: route);

        await ticker.SubscribeAsync("en", 50);
        var next = await _node.Editor.PublishAsync("en", "A new line after a restore");

        await ticker.WaitForSeqAsync("en", next.Seq);
        var reset = Assert.Single(ticker.Resets);
        Assert.Equal(1, reset.GetProperty("latestSeq").GetInt64());
        Assert.Equal([2L], ticker.OrderedSeqs("en"));
    }
}
