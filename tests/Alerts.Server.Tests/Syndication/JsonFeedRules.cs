using System.Text.Json;

namespace Alerts.Server.Tests.Syndication;

/// <summary>The requirements of JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), checked member by member.</summary>
public static class JsonFeedRules
{
    public static void AssertValid(JsonElement feed)
    {
        Assert.Equal(JsonValueKind.Object, feed.ValueKind);
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(feed.GetProperty("title").GetString()), "title is required.");
        foreach (var url in new[] { "home_page_url", "feed_url" })
        {
            if (feed.TryGetProperty(url, out var value))
            {
                Assert.True(Uri.TryCreate(value.GetString(), UriKind.Absolute, out _), $"{url} must be a URL.");
            }
        }

        if (feed.TryGetProperty("authors", out var authors))
        {
            AssertAuthors(authors, "authors");
        }

        AssertExtensionsOnly(feed, ["version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon", "authors", "language", "expired", "hubs", "items"]);
        var items = feed.GetProperty("items");
        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.EnumerateArray())
        {
            // id is required and a string; unique within the feed.
            var id = item.GetProperty("id");
            Assert.Equal(JsonValueKind.String, id.ValueKind);
            Assert.True(ids.Add(id.GetString()!), $"id {id} appears twice.");
            // content_html or content_text must be present.
            Assert.True(item.TryGetProperty("content_text", out _) || item.TryGetProperty("content_html", out _), $"item {id} has no content.");
            foreach (var date in new[] { "date_published", "date_modified" })
            {
                if (item.TryGetProperty(date, out var value))
                {
                    Assert.True(DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), $"{date} of {id} is not RFC 3339.");
                    Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", value.GetString());
                }
            }

            if (item.TryGetProperty("url", out var url))
            {
                Assert.True(Uri.TryCreate(url.GetString(), UriKind.Absolute, out _), $"url of {id} must be a URL.");
            }

            if (item.TryGetProperty("tags", out var tags))
            {
                Assert.All(tags.EnumerateArray(), tag => Assert.Equal(JsonValueKind.String, tag.ValueKind));
            }

            if (item.TryGetProperty("authors", out var itemAuthors))
            {
                AssertAuthors(itemAuthors, $"authors of {id}");
            }

            AssertExtensionsOnly(item, ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"]);
        }
    }

    private static void AssertAuthors(JsonElement authors, string where)
    {
        Assert.Equal(JsonValueKind.Array, authors.ValueKind);
        // Each author must have at least one of name, url, avatar.
        Assert.All(authors.EnumerateArray(), author =>
            Assert.True(author.TryGetProperty("name", out _) || author.TryGetProperty("url", out _) || author.TryGetProperty("avatar", out _), $"An author in {where} is empty."));
    }

    /// <summary>Members outside the spec must start with an underscore (extensions).</summary>
    private static void AssertExtensionsOnly(JsonElement element, string[] known)
    {
        foreach (var member in element.EnumerateObject())
        {
            Assert.True(known.Contains(member.Name) || member.Name.StartsWith('_'), $"'{member.Name}' is not a JSON Feed 1.1 member and not an extension.");
        }
    }
}
