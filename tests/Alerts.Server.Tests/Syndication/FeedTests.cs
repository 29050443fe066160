using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Alerts.Server.Syndication;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Server.Tests.Syndication;

/// <summary>The Atom and JSON feeds, read by .NET's syndication parser and checked against the JSON Feed 1.1 rules.</summary>
public sealed class FeedTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Dictionary<string, string?> PublicBaseUrl = new() { ["Alerts:PublicBaseUrl"] = "https://alerts.example/news/" };

    [Fact]
    public async Task TheAtomFeedListsTheLinesNewestFirstWithCorrectionsAndWithoutRetractedHeadlines()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: PublicBaseUrl);
        var first = await node.Editor.PublishAsync("en", "First line", new { url = "https://news.example/first", sections = new[] { "politics" } });
        var second = await node.Editor.PublishAsync("en", "Second line");
        var withdrawn = await node.Editor.PublishAsync("en", "A line that is withdrawn");
        (await node.Editor.PatchJsonAsync($"/api/v1/alerts/{second.Alert.Id}", new { headline = "Second line, corrected" })).EnsureSuccessStatusCode();
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{withdrawn.Alert.Id}/retract", new { reason = "Wrong" })).EnsureSuccessStatusCode();

        using var response = await node.Public.GetAsync("/api/v1/editions/en/feed.atom");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("withdrawn", body, StringComparison.Ordinal);

        var feed = ReadAtom(body);
        Assert.Equal("en", feed.Language);
        Assert.Equal(["Second line, corrected", "First line"], feed.Items.Select(i => i.Title.Text));
        var story = feed.Items.Single(i => i.Title.Text == "First line");
        Assert.Equal(new Uri("https://news.example/first"), story.Links.Single(l => l.RelationshipType == "alternate").Uri);
        Assert.Contains(story.Categories, c => c.Name == "politics");
        // .NET's Atom reader keeps whole seconds.
        Assert.Equal(first.Alert.PublishedAt.ToUnixTimeSeconds(), story.PublishDate.ToUnixTimeSeconds());
        Assert.Equal($"https://alerts.example/news/api/v1/alerts/{first.Alert.Id}", story.Id);
    }

    [Fact]
    public async Task AnArabicFeedIsMarkedArabicInBothFormats()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await node.Editor.PublishAsync("ar", "خبر عاجل");

        var atom = ReadAtom(await node.Public.GetStringAsync("/api/v1/editions/ar/feed.atom"));
        Assert.Equal("ar", atom.Language);
        Assert.Equal("خبر عاجل", atom.Items.Single().Title.Text);

        var text = await node.Public.GetStringAsync("/api/v1/editions/ar/feed.json");
        Assert.Contains("خبر عاجل", text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("ar", json.GetProperty("language").GetString());
        Assert.Equal("rtl", json.GetProperty("_alerts").GetProperty("direction").GetString());
        Assert.Equal("ar", json.GetProperty("items")[0].GetProperty("language").GetString());
    }

    [Fact]
    public async Task TheJsonFeedFollowsJsonFeed11()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: PublicBaseUrl);
        await node.Editor.PublishAsync("es", "Primera línea", new { sections = new[] { "economy" }, regions = new[] { "europe" } });
        var retracted = await node.Editor.PublishAsync("es", "Línea retirada");
        await node.Editor.PublishAsync("es", "Segunda línea");
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{retracted.Alert.Id}/retract", new { reason = "Error" })).EnsureSuccessStatusCode();

        using var response = await node.Public.GetAsync("/api/v1/editions/es/feed.json");
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("retirada", text, StringComparison.Ordinal);
        var feed = JsonDocument.Parse(text).RootElement;

        JsonFeedRules.AssertValid(feed);
        Assert.Equal("https://alerts.example/news/api/v1/editions/es/feed.json", feed.GetProperty("feed_url").GetString());
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Segunda línea", "Primera línea"], items.Select(i => i.GetProperty("title").GetString()));
        Assert.Equal(["economy", "europe"], items[1].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task LinesThatLeftTheTickerStayForADayAndAnUnchangedFeedAnswers304()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { ["Alerts:TickerTtl"] = "00:00:01" });
        await node.Editor.PublishAsync("en", "Gone from the ticker, not from the day");
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        var ticker = await node.Public.GetJsonAsync("/api/v1/editions/en/ticker");
        Assert.Empty(ticker.GetProperty("alerts").EnumerateArray());

        using var first = await node.Public.GetAsync("/api/v1/editions/en/feed.json");
        var feed = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Gone from the ticker, not from the day", feed.GetProperty("items")[0].GetProperty("title").GetString());
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=5, stale-while-revalidate=30", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/feed.json");
        again.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await node.Public.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        await node.Editor.PublishAsync("en", "Something new");
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/feed.json");
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await node.Public.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task AnUnknownEditionHasNoFeed()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        using var response = await node.Public.GetAsync("/api/v1/editions/xx/feed.atom");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFeedNeverNamesTheHostTheRequestCameWith()
    {
        await using var bare = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        await using var configured = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: PublicBaseUrl);
        await using var allowed = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["AllowedHosts"] = "news.example;evil.example;127.0.0.1" });
        foreach (var node in new[] { bare, configured, allowed })
        {
            await node.Editor.PublishAsync("en", "A line behind a poisoned cache");
        }

        foreach (var path in new[] { "/api/v1/editions/en/feed.atom", "/api/v1/editions/en/feed.json" })
        {
            var fromBare = await GetWithHostAsync(bare, path, "evil.example");
            Assert.DoesNotContain("evil.example", fromBare, StringComparison.Ordinal);
            Assert.Contains("A line behind a poisoned cache", fromBare, StringComparison.Ordinal);

            var fromConfigured = await GetWithHostAsync(configured, path, "evil.example");
            Assert.DoesNotContain("evil.example", fromConfigured, StringComparison.Ordinal);
            Assert.Contains("https://alerts.example/news/api/v1/editions/en/feed.", fromConfigured, StringComparison.Ordinal);

            // The host filter lets evil.example in, but links name the first allowed host.
            var fromAllowed = await GetWithHostAsync(allowed, path, "evil.example");
            Assert.DoesNotContain("evil.example", fromAllowed, StringComparison.Ordinal);
            Assert.Contains("://news.example/api/v1/editions/en/feed.", fromAllowed, StringComparison.Ordinal);
        }

        JsonFeedRules.AssertValid(JsonDocument.Parse(await GetWithHostAsync(bare, "/api/v1/editions/en/feed.json", "evil.example")).RootElement);
        Assert.Single(ReadAtom(await GetWithHostAsync(bare, "/api/v1/editions/en/feed.atom", "evil.example")).Items);
    }

    [Fact]
    public async Task AFeedIsBuiltOncePerChangeOfItsEditionNotPerRequest()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var cache = node.Services.GetRequiredService<FeedCache>();
        await node.Editor.PublishAsync("en", "Built once");

        for (var i = 0; i < 5; i++)
        {
            (await node.Public.GetAsync("/api/v1/editions/en/feed.atom")).EnsureSuccessStatusCode();
            (await node.Public.GetAsync("/api/v1/editions/en/feed.json")).EnsureSuccessStatusCode();
        }

        Assert.Equal(1, cache.Builds);
        await node.Editor.PublishAsync("en", "Built again after a change");
        var after = await node.Public.GetStringAsync("/api/v1/editions/en/feed.json");
        Assert.Contains("Built again after a change", after, StringComparison.Ordinal);
        (await node.Public.GetAsync("/api/v1/editions/en/feed.atom")).EnsureSuccessStatusCode();
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public async Task FeedsAreRateLimitedPerAddress()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:RateLimits:FeedsPerMinute"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            (await node.Public.GetAsync(i % 2 == 0 ? "/api/v1/editions/en/feed.atom" : "/api/v1/editions/ar/feed.json")).EnsureSuccessStatusCode();
        }

        using var refused = await node.Public.GetAsync("/api/v1/editions/es/feed.atom");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static async Task<string> GetWithHostAsync(AlertsNode node, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await node.Public.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static SyndicationFeed ReadAtom(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "Not an Atom 1.0 feed.");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }
}
