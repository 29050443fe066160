using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Syndication;

/// <summary>The Atom and JSON feeds, read by .NET's syndication parser and checked against the JSON Feed 1.1 rules.</summary>
public sealed class FeedTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheAtomFeedListsTheLinesNewestFirstWithCorrectionsAndWithoutRetractedHeadlines()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
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
        Assert.EndsWith($"/api/v1/alerts/{first.Alert.Id}", story.Id, StringComparison.Ordinal);
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
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
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
        Assert.Equal(node.BaseAddress + "api/v1/editions/es/feed.json", feed.GetProperty("feed_url").GetString());
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

    private static SyndicationFeed ReadAtom(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "Not an Atom 1.0 feed.");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }
}
