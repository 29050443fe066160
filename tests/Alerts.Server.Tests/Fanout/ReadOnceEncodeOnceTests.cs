using System.Text;
using Alerts.Server.Fanout;
using Alerts.Server.Tests.Fanout.Transports;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Fanout;

/// <summary>
/// A node reads each event's header once and builds each wire format of it once, however many
/// connections of each transport take it, live or replaying (history included).
/// </summary>
public sealed class ReadOnceEncodeOnceTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Events = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EachRelayedEventIsParsedOnceAndEncodedOncePerFormatForEveryTransportAndReplay()
    {
        var work = new CountingRelayWork();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), services: services => services.AddSingleton<IRelayWork>(work));
        // Subscribed first: once a Subscribe returns, the relay has started, and no event can race its start.
        var live = await ConnectAllAsync(node, null);
        await using var livePacked = await ConnectMessagePackAsync(node, null);
        using var liveStream = await StreamAsync(node, null);

        var last = 0L;
        for (var i = 0; i < Events; i++)
        {
            last = (await node.Editor.PublishAsync("en", $"Relayed line {i}")).Seq;
        }

        await Task.WhenAll(live.Select(client => client.WaitForSeqAsync("en", last, Timeout)));
        await liveStream.WaitForAsync($":{last}\n");
        await livePacked.WaitForAlertAsync("en", last);
        // Replays of every event, twice per transport and protocol.
        var replaying = (await ConnectAllAsync(node, 0)).Concat(await ConnectAllAsync(node, 0)).ToList();
        await using var replayingPacked = await ConnectMessagePackAsync(node, 0);
        await using var replayingPackedAgain = await ConnectMessagePackAsync(node, 0);
        await Task.WhenAll(replaying.Select(client => client.WaitForSeqAsync("en", last, Timeout)));
        await replayingPacked.WaitForAlertAsync("en", last);
        await replayingPackedAgain.WaitForAlertAsync("en", last);
        using var replayedStream = await StreamAsync(node, $"{live[0].Received[^1].Epoch}:0");
        using var replayedAgain = await StreamAsync(node, $"{live[0].Received[^1].Epoch}:0");
        await replayedStream.WaitForAsync($":{last}\n");
        await replayedAgain.WaitForAsync($":{last}\n");

        AssertOnce(work);
        Assert.True(work.Count("parse en:") >= Events);
        foreach (var format in new[] { "signalr-json", "signalr-message", "signalr-messagepack", "sse" })
        {
            Assert.True(work.Count($"{format} en:") >= Events, $"No {format} encodings were counted.");
        }

        await Task.WhenAll(live.Concat(replaying).Select(client => client.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task HistoryThisNodeNeverRelayedIsReadAndEncodedOnceForEveryReplay()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var writer = await AlertsNode.StartAsync(redis.ConnectionString, prefix);
        var last = 0L;
        for (var i = 0; i < Events; i++)
        {
            last = (await writer.Editor.PublishAsync("en", $"Published before the reader started {i}")).Seq;
        }

        var work = new CountingRelayWork();
        await using var reader = await AlertsNode.StartAsync(redis.ConnectionString, prefix, services: services => services.AddSingleton<IRelayWork>(work));
        var replaying = new List<TickerClient>();
        var replayingPacked = new List<FeedClient>();
        for (var i = 0; i < 3; i++)
        {
            replaying.AddRange(await ConnectAllAsync(reader, 0));
            replayingPacked.Add(await ConnectMessagePackAsync(reader, 0));
        }

        await Task.WhenAll(replaying.Select(client => client.WaitForSeqAsync("en", last, Timeout)));
        await Task.WhenAll(replayingPacked.Select(client => client.WaitForAlertAsync("en", last)));

        AssertOnce(work);
        Assert.Equal(Events, work.Count("parse en:"));
        Assert.Equal(Events, work.Count("signalr-messagepack en:"));
        await Task.WhenAll(replaying.Select(client => client.DisposeAsync().AsTask()).Concat(replayingPacked.Select(client => client.DisposeAsync().AsTask())));
    }

    [Fact]
    public async Task AReplayAfterARetractionCarriesNoneOfTheWithdrawnContentThoughTheEventsWereEncodedBefore()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var live = await ConnectAllAsync(node, null);
        var withdrawn = await node.Editor.PublishAsync("en", "A headline that is withdrawn", new { url = "https://news.example/withdrawn" });
        await node.Editor.PublishAsync("en", "A line that stays");
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{withdrawn.Alert.Id}/retract", new { reason = "Wrong" })).EnsureSuccessStatusCode();
        await Task.WhenAll(live.Select(client => client.WaitForSeqAsync("en", withdrawn.Seq + 2, Timeout)));

        var replaying = await ConnectAllAsync(node, 0);
        await Task.WhenAll(replaying.Select(client => client.WaitForSeqAsync("en", withdrawn.Seq + 2, Timeout)));

        foreach (var client in replaying)
        {
            var ofWithdrawn = client.Received.Where(e => e.Alert.Id == withdrawn.Alert.Id).ToList();
            Assert.Equal(2, ofWithdrawn.Count);
            Assert.All(ofWithdrawn, e => Assert.True(string.IsNullOrEmpty(e.Alert.Headline) && e.Alert.Url is null, $"Seq {e.Seq} still carries the content."));
        }

        await Task.WhenAll(live.Concat(replaying).Select(client => client.DisposeAsync().AsTask()));
    }

    private static void AssertOnce(CountingRelayWork work)
    {
        var repeated = work.Counts.Where(c => c.Value > 1).Select(c => $"{c.Key} ×{c.Value}").ToList();
        Assert.True(repeated.Count == 0, $"Done more than once per event: {string.Join(", ", repeated)}");
    }

    /// <summary>A direct and a negotiated hub client, subscribed after <paramref name="afterSeq"/>.</summary>
    private static async Task<List<TickerClient>> ConnectAllAsync(AlertsNode node, long? afterSeq)
    {
        var clients = new List<TickerClient>();
        foreach (var route in new[] { HubRoute.Direct, HubRoute.Negotiated })
        {
            var client = await TickerClient.ConnectAsync(node, route: route);
            await client.SubscribeAsync("en", afterSeq).WaitAsync(Timeout);
            clients.Add(client);
        }

        return clients;
    }

    /// <summary>A .NET client of SignalR's MessagePack protocol (negotiated), subscribed after <paramref name="afterSeq"/>.</summary>
    private static async Task<FeedClient> ConnectMessagePackAsync(AlertsNode node, long? afterSeq)
    {
        var client = await DotnetFeedClient.ConnectWithMessagePackAsync(node);
        await client.SubscribeAsync("en", afterSeq);
        return client;
    }

    private static async Task<StreamReading> StreamAsync(AlertsNode node, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await node.Public.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
        return new StreamReading(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>An event stream being read, all of it kept as text.</summary>
    private sealed class StreamReading(HttpResponseMessage response, Stream body) : IDisposable
    {
        private readonly StringBuilder _text = new();

        public async Task WaitForAsync(string text)
        {
            var buffer = new byte[16 * 1024];
            var deadline = DateTime.UtcNow + Timeout;
            while (!_text.ToString().Contains(text, StringComparison.Ordinal))
            {
                var read = await body.ReadAsync(buffer).AsTask().WaitAsync(deadline - DateTime.UtcNow);
                Assert.NotEqual(0, read);
                _text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        public void Dispose()
        {
            body.Dispose();
            response.Dispose();
        }
    }
}
