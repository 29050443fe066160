using System.Collections.Concurrent;
using System.Net;
using Alerts.Server.EventLog;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>An embargoed alert reaches nobody (hub, long polling, Server-Sent Events, pub/sub, reads, feeds) before its publishAt, then everybody within a second of it.</summary>
public sealed class EmbargoTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnEmbargoedAlertReachesNobodyUntilItsTimeThenEveryoneWithinASecond()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings());
        using var boss = node.ClientAs(Boss);
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", null);
        await using var longPolling = new TickerClient(new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "/hubs/alerts"), options => options.Transports = HttpTransportType.LongPolling)
            .Build());
        await longPolling.Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await longPolling.SubscribeAsync("en", null);
        var streamed = new ConcurrentQueue<string>();
        using var streamCancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await node.Public.GetStreamAsync("/api/v1/editions/en/stream", streamCancel.Token);
        var streamReader = ReadLinesAsync(stream, streamed, streamCancel.Token);
        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var published = new ConcurrentQueue<string>();
        await raw.GetSubscriber().SubscribeAsync(node.Services.GetRequiredService<RedisKeys>().Events("en"), (_, message) => published.Enqueue(message!));

        var publishAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var id = await boss.SubmitWaitingAsync("en", "Embargoed until the minute",
            new { publishAt = publishAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) }, "scheduled");

        while (DateTimeOffset.UtcNow < publishAt.AddMilliseconds(-300))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await node.Public.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
            var events = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0");
            Assert.Empty(events.GetProperty("events").EnumerateArray());
            var lines = await node.Public.GetJsonAsync("/api/v1/editions/en/ticker");
            Assert.DoesNotContain(id, lines.ToString());
            Assert.DoesNotContain(id, await node.Public.GetStringAsync("/api/v1/editions/en/feed.json"));
            Assert.DoesNotContain(id, await node.Public.GetStringAsync("/api/v1/editions/en/feed.atom"));
            Assert.Empty(ticker.Received);
            Assert.Empty(longPolling.Received);
            Assert.Empty(published);
            Assert.DoesNotContain(streamed, line => line.Contains(id, StringComparison.Ordinal));
            await Task.Delay(200);
        }

        await ticker.WaitForSeqAsync("en", 1, TimeSpan.FromSeconds(5));
        var lateness = DateTimeOffset.UtcNow - publishAt;
        await longPolling.WaitForSeqAsync("en", 1, TimeSpan.FromSeconds(5));

        Assert.True(lateness < TimeSpan.FromSeconds(1), $"Arrived {lateness.TotalMilliseconds:0} ms after publishAt.");
        Assert.Equal(id, ticker.Received.Single().Alert.Id);
        Assert.Single(published);
        Assert.Equal(HttpStatusCode.OK, (await node.Public.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
        Assert.Contains(id, await node.Public.GetStringAsync("/api/v1/editions/en/feed.json"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!streamed.Any(line => line.Contains(id, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(streamed, line => line.Contains(id, StringComparison.Ordinal));
        await streamCancel.CancelAsync();
        await streamReader;
    }

    private static async Task ReadLinesAsync(Stream stream, ConcurrentQueue<string> lines, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.Enqueue(line);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is done listening.
        }
    }
}
