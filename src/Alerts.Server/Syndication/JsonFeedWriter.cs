using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;

namespace Alerts.Server.Syndication;

/// <summary>
/// JSON Feed 1.1. The edition's language is the feed's and each item's <c>language</c>; the
/// <c>_alerts</c> extension objects (JSON Feed's rule: custom keys start with an underscore) add
/// the text direction, the urgency, the version and the status.
/// </summary>
internal static class JsonFeedWriter
{
    public const string ContentType = "application/feed+json; charset=utf-8";
    public const string Version = "https://jsonfeed.org/version/1.1";

    // Headlines stay readable (Arabic letters as they are, not \u escapes); HTML-sensitive characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static byte[] Write(FeedSnapshot feed, FeedLinks links)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", $"{feed.Edition.BreakingLabel} · {feed.Edition.Name}");
            // JSON Feed's addresses are absolute: without a known public address they are left out.
            if (links.IsAbsolute)
            {
                json.WriteString("home_page_url", links.Home);
                json.WriteString("feed_url", links.JsonFeed);
            }

            json.WriteString("language", feed.Edition.Language);
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", feed.Edition.Name);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("_alerts");
            json.WriteString("edition", feed.Edition.Key);
            json.WriteString("direction", feed.Edition.Direction == TextDirection.Rtl ? "rtl" : "ltr");
            json.WriteString("updated", feed.Updated.UtcDateTime);
            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var line in feed.Lines)
            {
                WriteItem(json, line, feed.Edition, links);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter json, Alert line, Edition edition, FeedLinks links)
    {
        json.WriteStartObject();
        json.WriteString("id", line.Id);
        if (line.Url is not null || links.IsAbsolute)
        {
            json.WriteString("url", line.Url ?? links.Alert(line.Id));
        }

        json.WriteString("title", line.Headline);
        json.WriteString("content_text", line.Headline);
        json.WriteString("date_published", line.PublishedAt.UtcDateTime);
        json.WriteString("date_modified", line.UpdatedAt.UtcDateTime);
        json.WriteString("language", edition.Language);
        json.WriteStartArray("tags");
        foreach (var tag in line.Sections.Concat(line.Regions))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartObject("_alerts");
        json.WriteString("urgency", line.Urgency.ToString().ToLowerInvariant());
        json.WriteString("status", line.Status.ToString().ToLowerInvariant());
        json.WriteNumber("version", line.Version);
        json.WriteString("alert", links.Alert(line.Id));
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
