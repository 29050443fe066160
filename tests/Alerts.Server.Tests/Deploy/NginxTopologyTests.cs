using System.Net.NetworkInformation;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// The deployed topology on loopback, since no container engine runs here: Redis, two server
/// processes, and Debian's nginx with <c>deploy/nginx.conf</c> in front.
/// </summary>
public sealed class NginxTopologyTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ATickerBehindNginxGetsAlertsFromEitherNodeAndCatchesUpOnTheOtherWhenItsNodeIsKilled()
    {
        var prefix = RedisFixture.NewPrefix();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Alerts__Redis__KeyPrefix"] = prefix,
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
        };
        var starting = new[] { ServerProcess.StartAsync(environment), ServerProcess.StartAsync(environment) };
        var nodes = await Task.WhenAll(starting);
        await using var first = nodes[0];
        await using var second = nodes[1];
        await using var nginx = await NginxProcess.StartAsync(first.BaseAddress, second.BaseAddress);
        using (var anyone = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            // Metrics are for scrapers on the nodes, never routed to the public.
            using var throughNginx = await anyone.GetAsync(new Uri(nginx.BaseAddress, "/metrics"));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, throughNginx.StatusCode);
        }


        // The browser's way in: negotiate, then the WebSocket, both through nginx.
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nginx.BaseAddress, "/hubs/alerts"))
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)])
            .Build();
        await using var ticker = new TickerClient(connection);
        connection.Reconnected += _ => connection.InvokeAsync("Subscribe", "en", ticker.OrderedSeqs("en").LastOrDefault());
        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await ticker.SubscribeAsync("en", 0);

        using var toFirst = Editor(first.BaseAddress);
        using var toSecond = Editor(second.BaseAddress);
        await toFirst.PublishAsync("en", "Posted to the first node");
        await toSecond.PublishAsync("en", "Posted to the second node");
        await ticker.WaitForSeqAsync("en", 2);

        var (serving, other, toOther) = HasConnectionsFromNginx(first) ? (first, second, toSecond) : (second, first, toFirst);
        Assert.True(HasConnectionsFromNginx(serving), $"nginx holds no connection to either node. nginx said:\n{nginx.Errors}");
        serving.Process.Kill(entireProcessTree: true);
        await serving.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 3; i <= 5; i++)
        {
            await toOther.PublishAsync("en", $"Posted while the ticker moves, {i}");
        }

        await ticker.WaitForSeqAsync("en", 5, TimeSpan.FromSeconds(15));
        Assert.Equal([1L, 2, 3, 4, 5], ticker.OrderedSeqs("en"));
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.True(HasConnectionsFromNginx(other), "The ticker did not move to the surviving node.");
    }

    [Fact]
    public async Task DirectWebSocketsFromOneAddressAreSpreadOverTheNodes()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Alerts__Redis__KeyPrefix"] = RedisFixture.NewPrefix(),
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
        };
        var nodes = await Task.WhenAll(ServerProcess.StartAsync(environment), ServerProcess.StartAsync(environment));
        await using var first = nodes[0];
        await using var second = nodes[1];
        await using var nginx = await NginxProcess.StartAsync(first.BaseAddress, second.BaseAddress);

        // Every reader comes from 127.0.0.1, as readers behind one CDN or NAT address do.
        var tickers = new List<TickerClient>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(nginx.BaseAddress, "/hubs/alerts"), options =>
                    {
                        options.SkipNegotiation = true;
                        options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                    })
                    .Build();
                var ticker = new TickerClient(connection);
                tickers.Add(ticker);
                await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
                await ticker.SubscribeAsync("en", 0);
            }

            var (onFirst, onSecond) = (ConnectionsFromNginx(first), ConnectionsFromNginx(second));
            Assert.True(onFirst >= 3 && onSecond >= 3, $"8 readers from one address: {onFirst} on one node, {onSecond} on the other.");
            using var editor = Editor(first.BaseAddress);
            await editor.PublishAsync("en", "Reaches readers on both nodes");
            foreach (var ticker in tickers)
            {
                await ticker.WaitForSeqAsync("en", 1);
            }
        }
        finally
        {
            foreach (var ticker in tickers)
            {
                await ticker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AnEventStreamThroughNginxGetsAnAlertWithinTwoSecondsEvenAfterBeingIdle()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Alerts__Redis__KeyPrefix"] = RedisFixture.NewPrefix(),
            [$"Alerts__ApiKeys__{TestKeys.EditorName}__Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
        };
        await using var node = await ServerProcess.StartAsync(environment);
        await using var nginx = await NginxProcess.StartAsync(node.BaseAddress);
        using var toNode = Editor(node.BaseAddress);
        using var reader = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await reader.GetAsync(new Uri(nginx.BaseAddress, "/api/v1/editions/en/stream"), HttpCompletionOption.ResponseHeadersRead)
            .WaitAsync(TimeSpan.FromSeconds(10));
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: reset", await lines.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        // Longer than nginx's read timeout for the rest of the API (10 s), shorter than the keep-alive (15 s).
        await Task.Delay(TimeSpan.FromSeconds(11));
        var posted = System.Diagnostics.Stopwatch.StartNew();
        await toNode.PublishAsync("en", "Through nginx, unbuffered");
        using var withinTwoSeconds = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        string? line;
        do
        {
            line = await lines.ReadLineAsync(withinTwoSeconds.Token);
        }
        while (line is not null && line != "event: alert");

        Assert.Equal("event: alert", line);
        Assert.InRange(posted.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    private static HttpClient Editor(Uri node)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Editor);
        // No kept-alive connection to a node: nginx's must be the only ones there.
        client.DefaultRequestHeaders.ConnectionClose = true;
        return client;
    }

    /// <summary>Established TCP connections to the node's port: only nginx connects there through the hub.</summary>
    private static int ConnectionsFromNginx(ServerProcess node) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.State == TcpState.Established && c.RemoteEndPoint.Port == node.BaseAddress.Port);

    /// <summary>Whether some established TCP connection goes to the node's port: only nginx connects there through the hub.</summary>
    private static bool HasConnectionsFromNginx(ServerProcess node) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Any(c => c.State == TcpState.Established && c.RemoteEndPoint.Port == node.BaseAddress.Port);
}
