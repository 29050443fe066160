using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>A subscription's endpoint is a URL the server will POST to: only https on an allowed push service, checked without connecting.</summary>
public sealed class WebPushSubscriptionRulesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly string GoodKey = Base64Url.EncodeToString(NewPublicKey());
    private static readonly string GoodAuth = Base64Url.EncodeToString(new byte[16]);

    private static string[] BadEndpoints(int port) =>
    [
        $"http://127.0.0.1:{port}/push/a",
        $"https://localhost:{port}/push/a",
        "https://10.0.0.1/push/a",
        "https://169.254.169.254/latest/meta-data",
        $"https://user:pass@127.0.0.1:{port}/push/a",
        $"https://127.0.0.1:{port}/push/" + new string('a', 10_000),
    ];

    [Fact]
    public async Task EndpointsOffTheAllowedPushServicesAreRefusedWithoutAConnection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                using var socket = await listener.AcceptSocketAsync();
                Interlocked.Increment(ref connections);
            }
        });
        await using var service = await FakePushService.StartAsync();
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), service);

        foreach (var endpoint in BadEndpoints(port))
        {
            await AssertRefusedAsync(node, new { endpoint, keys = new { p256dh = GoodKey, auth = GoodAuth } }, "subscription.endpoint");
        }

        await node.Editor.PublishAsync("en", "Nobody subscribed", new { push = true, urgency = "flash" });
        await Task.Delay(1000);
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.Empty(service.Requests);
        Assert.False(accepting.IsFaulted);
    }

    [Fact]
    public async Task MissingOrWrongLengthKeysAreRefused()
    {
        await using var service = await FakePushService.StartAsync();
        await using var node = await WebPushNodes.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), service);
        var endpoint = new Uri(service.Origin, "/push/x").ToString();
        var notOnTheCurve = new byte[65];
        notOnTheCurve[0] = 4;
        notOnTheCurve[64] = 1;

        await AssertRefusedAsync(node, new { endpoint }, "subscription.keys.p256dh");
        await AssertRefusedAsync(node, new { endpoint, keys = new { p256dh = GoodKey[..40], auth = GoodAuth } }, "subscription.keys.p256dh");
        await AssertRefusedAsync(node, new { endpoint, keys = new { p256dh = Base64Url.EncodeToString(notOnTheCurve), auth = GoodAuth } }, "subscription.keys.p256dh");
        await AssertRefusedAsync(node, new { endpoint, keys = new { p256dh = GoodKey, auth = Base64Url.EncodeToString(new byte[15]) } }, "subscription.keys.auth");
        await AssertRefusedAsync(node, new { endpoint, keys = new { p256dh = GoodKey, auth = "not base64url!" } }, "subscription.keys.auth");
        await AssertRefusedAsync(node, "just a string", "subscription");
    }

    [Fact]
    public async Task TheFakePushServiceRefusesAnUnsignedOrForeignToken()
    {
        await using var service = await FakePushService.StartAsync();
        var browser = service.Subscribe();
        using var client = new HttpClient(service.TrustingHandler());
        foreach (var authorization in new[] { "", "vapid t=a.b.c, k=" + GoodKey, "WebPush abc" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, browser.Endpoint) { Content = new ByteArrayContent(new byte[100]) };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.Add("TTL", "60");
            request.Content.Headers.ContentEncoding.Add("aes128gcm");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        }
    }

    private static async Task AssertRefusedAsync(AlertsNode node, object subscription, string field)
    {
        var response = await node.Public.PostAsync("/api/v1/devices", Api.Json(new { platform = "web", edition = "en", subscription }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(subscription)[..Math.Min(120, JsonSerializer.Serialize(subscription).Length)]}: {(int)response.StatusCode} {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {body}");
    }

    private static byte[] NewPublicKey()
    {
        using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return [4, .. q.X!, .. q.Y!];
    }
}
