using System.Net;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hosting.RateLimiting;

public sealed class RateLimitingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Dictionary<string, string?> TwoPerMinute = new()
    {
        ["Alerts:Push:RegistrationsPerMinute"] = "2",
        ["Alerts:RateLimits:EventsPerMinute"] = "2",
    };

    [Fact]
    public async Task OverTheQuotaIsA429ProblemWithRetryAfterAndRateLimitHeaders()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: TwoPerMinute);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await RegisterAsync(node, $"phone-{i}", forwardedFor: null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
                Assert.Equal("\"devices\";q=2;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
                Assert.StartsWith("\"devices\";r=0;t=", response.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task BehindATrustedProxyEachReaderHasItsOwnQuota()
    {
        var settings = new Dictionary<string, string?>(TwoPerMinute) { ["Alerts:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await RegisterAsync(node, $"phone-{i}", forwardedFor: $"203.0.113.{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task AnUntrustedSendersForwardedForIsIgnored()
    {
        var settings = new Dictionary<string, string?>(TwoPerMinute) { ["Alerts:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" };
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await RegisterAsync(node, $"phone-{i}", forwardedFor: $"203.0.113.{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheEventsReadIsLimitedPerAddress()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: TwoPerMinute);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await node.Public.GetAsync("/api/v1/editions/en/events").WaitAsync(TimeSpan.FromSeconds(10));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(AlertsNode node, string token, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices")
        {
            Content = Api.Json(new { token, platform = "android", edition = "en" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await node.Public.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
