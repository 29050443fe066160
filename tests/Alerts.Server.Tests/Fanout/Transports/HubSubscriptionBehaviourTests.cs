using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

/// <summary>The behaviour suite, plus what only a hub connection can ask: <c>Subscribe</c> again on the same connection.</summary>
public abstract class HubSubscriptionBehaviourTests(RedisFixture redis, FeedTransport transport) : SubscriptionBehaviourTests(redis, transport)
{
    [Fact]
    public async Task ARepeatedSubscribeWhileHistoryStreamsDoesNotStartItAgain()
    {
        var earlier = await PublishAsync("en", 40, "Earlier line");
        await using var client = await ConnectAsync();

        // Sent together: the second and third arrive while the first one's history is going out.
        await Task.WhenAll(client.SubscribeAsync("en", 0), client.SubscribeAsync("en", 0), client.SubscribeAsync("en", 10));
        var live = await Node.Editor.PublishAsync("en", "Live line");

        await client.WaitForAlertAsync("en", live.Seq);
        Assert.Equal(earlier.Select(e => e.Seq).Append(live.Seq), client.AlertSeqs("en"));
    }
}
