using System.Net;
using System.Net.Http.Headers;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Web;

/// <summary>How the web client's files and the editor endpoints answer other origins, caches and keys.</summary>
public sealed class WebEndpointTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string PublisherOrigin = "https://publisher.example";

    [Fact]
    public async Task TheTickerScriptIsServedToAnyOriginGzippedCachedAndUnder25Kilobytes()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ticker.js");
        request.Headers.Add("Origin", PublisherOrigin);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await node.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("cross-origin", Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Contains("max-age=3600", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var gzipped = (await response.Content.ReadAsByteArrayAsync()).Length;
        Assert.InRange(gzipped, 5 * 1024, 25 * 1024);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/ticker.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await node.Public.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task PublicReadsAndTheHubAllowAnyOriginWithoutCredentials()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var editions = await SendAsync(node, HttpMethod.Get, "/api/v1/editions");
        using var negotiate = await PreflightAsync(node, "/hubs/alerts/negotiate?negotiateVersion=1", "POST");

        Assert.Equal("*", Header(editions, "Access-Control-Allow-Origin"));
        Assert.Null(Header(editions, "Access-Control-Allow-Credentials"));
        Assert.Equal("*", Header(negotiate, "Access-Control-Allow-Origin"));
        Assert.Null(Header(negotiate, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task EditorEndpointsAllowNoCrossOriginUse()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var publish = await PreflightAsync(node, "/api/v1/alerts", "POST");
        using var correct = await PreflightAsync(node, "/api/v1/alerts/01JABCDEFGHJKMNPQRSTVWXYZ0", "PATCH");
        using var me = await PreflightAsync(node, "/api/v1/me", "GET");

        Assert.Null(Header(publish, "Access-Control-Allow-Origin"));
        Assert.Null(Header(correct, "Access-Control-Allow-Origin"));
        Assert.Null(Header(me, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task MeNamesTheKeysEditorAndRefusesAWrongKey()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        var me = await node.Editor.GetJsonAsync("/api/v1/me");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key");
        using var refused = await node.Public.SendAsync(wrong);

        Assert.Equal(TestKeys.EditorName, me.GetProperty("name").GetString());
        Assert.Equal("editor", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePagesAreServedWithAStrictContentSecurityPolicy()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        foreach (var path in new[] { "/", "/console" })
        {
            using var page = await node.Public.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script-src 'self'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        }

        using var missing = await node.Public.GetAsync("/assets/secrets.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(AlertsNode node, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", PublisherOrigin);
        return await node.Public.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PreflightAsync(AlertsNode node, string path, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", PublisherOrigin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await node.Public.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
