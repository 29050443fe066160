using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Reference;

/// <summary>The OpenAPI document describes every route the server maps; the reference page is served from here.</summary>
public sealed partial class OpenApiDocumentTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>
    /// Routes that are not HTTP API operations, each with the reason; anything else a feature maps
    /// must be described. SignalR's endpoints are the hub (docs/api.md), the metrics are Prometheus
    /// text, and the document and its page describe the API rather than being part of it.
    /// </summary>
    private static readonly Dictionary<string, string> NotOperations = new(StringComparer.Ordinal)
    {
        ["/hubs/alerts"] = "the live hub's WebSocket and long-polling transport",
        ["/hubs/alerts/negotiate"] = "the live hub's negotiation",
        ["/metrics"] = "Prometheus text format",
        ["/api/v1/openapi.json"] = "this document",
        ["/signin"] = "a browser's redirect to the identity provider",
        ["/signout"] = "a browser's form post, answered with redirects",
    };

    private const string ReferencePagePrefix = "/api/docs";

    [Fact]
    public async Task TheDocumentNamesTheConfiguredServerNeverTheHostTheRequestCameWith()
    {
        await using var bare = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var configured = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:PublicBaseUrl"] = "https://alerts.example" });

        foreach (var (node, server) in new[] { (bare, "/"), (configured, "https://alerts.example") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/openapi.json");
            request.Headers.Host = "evil.example";
            using var response = await node.Public.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
            Assert.Equal(server, JsonDocument.Parse(text).RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task EveryMappedRouteIsInTheDocumentWithItsResponses()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var paths = (await node.Public.GetJsonAsync("/api/v1/openapi.json")).GetProperty("paths");

        var routes = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(routes);
        var missing = new List<string>();
        foreach (var route in routes)
        {
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            if (NotOperations.ContainsKey(pattern) || pattern.StartsWith(ReferencePagePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // Pages and their assets are for browsers; they say so with ExcludeFromDescription.
            if (route.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)
            {
                continue;
            }

            var path = OpenApiPath(pattern);
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"];
            // A HEAD beside a GET is folded into the GET's operation (one operation id for both made the document invalid).
            foreach (var method in methods.Where(m => !(m == "HEAD" && methods.Contains("GET"))))
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add($"{method} {pattern} ({route.DisplayName})");
                    continue;
                }

                var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                if (!responses.Any(code => code.StartsWith('2') || code == "304"))
                {
                    missing.Add($"{method} {pattern}: no success response, only [{string.Join(", ", responses)}]");
                }
            }
        }

        Assert.True(missing.Count == 0, "Not in the OpenAPI document:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task RequestBodiesErrorsAndTheEditorKeyAreDescribed()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var document = await node.Public.GetJsonAsync("/api/v1/openapi.json");
        var paths = document.GetProperty("paths");

        var publish = paths.GetProperty("/api/v1/alerts").GetProperty("post");
        var publishBody = Schema(document, publish.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["edition", "headline"], publishBody.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.True(publishBody.GetProperty("properties").TryGetProperty("urgency", out _));
        Assert.True(publish.GetProperty("responses").GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));
        var invalid = publish.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json");
        Assert.True(Schema(document, invalid.GetProperty("schema")).GetProperty("properties").TryGetProperty("errors", out _));
        Assert.Equal("apiKey", Assert.Single(Assert.Single(publish.GetProperty("security").EnumerateArray()).EnumerateObject()).Name);
        Assert.True(publish.GetProperty("responses").TryGetProperty("401", out _));

        foreach (var (path, method) in new[] { ("/api/v1/alerts/{id}", "patch"), ("/api/v1/alerts/{id}/retract", "post"), ("/api/v1/devices", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), $"{method} {path}");
        }

        var correct = paths.GetProperty("/api/v1/alerts/{id}").GetProperty("patch").GetProperty("responses");
        Assert.True(correct.GetProperty("412").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var getAlert = paths.GetProperty("/api/v1/alerts/{id}").GetProperty("get");
        Assert.False(getAlert.TryGetProperty("security", out _));
        Assert.True(getAlert.GetProperty("responses").GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task EveryOperationHasAUserTaskTagASummaryAndItsOwnId()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var document = await node.Public.GetJsonAsync("/api/v1/openapi.json");
        string[] tags = ["Alerts", "Desk", "Editions and feeds", "Live stream", "Devices and receipts", "Webhooks", "Health"];

        Assert.Equal(tags, document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var ids = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            Assert.False(path.Name is "/" or "/console" or "/ticker.js" || path.Name.StartsWith("/assets/", StringComparison.Ordinal), $"{path.Name} is a page, not an operation");
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                Assert.NotEqual("head", operation.Name);
                ids.Add(operation.Value.GetProperty("operationId").GetString()!);
                Assert.Contains(Assert.Single(operation.Value.GetProperty("tags").EnumerateArray()).GetString(), tags);
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{where} has no summary");
            }
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Contains("`Authorization` header", scheme.GetProperty("description").GetString());
        var publish = document.GetProperty("paths").GetProperty("/api/v1/alerts").GetProperty("post");
        Assert.Equal("en", publish.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("edition").GetString());
        Assert.True(publish.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
    }

    [Fact]
    public async Task TheReferencePageOffersNoHostedService()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        var html = await node.Public.GetStringAsync("/api/docs").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReferencePageServesItsScriptFromThisServer()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var page = await node.Public.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"url\":\"api/v1/openapi.json\"", html, StringComparison.Ordinal);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.False(src.StartsWith("http", StringComparison.OrdinalIgnoreCase) || src.StartsWith("//", StringComparison.Ordinal), $"script from elsewhere: {src}");
            using var script = await node.Public.GetAsync(new Uri(new Uri(node.BaseAddress, "/api/docs/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        using var bundle = await node.Public.GetAsync("/api/docs/scalar.js");
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "scalar.js is not Scalar's whole bundle");
    }

    // Route patterns and OpenAPI paths differ in constraints, defaults, catch-all stars and a trailing slash.
    private static string OpenApiPath(string pattern)
    {
        var path = RouteParameter().Replace(pattern, m => "{" + m.Groups["name"].Value + "}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private static JsonElement Schema(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("<script[^>]*\\bsrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
