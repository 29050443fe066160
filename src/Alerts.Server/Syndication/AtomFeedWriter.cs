using System.Globalization;
using System.Text;
using System.Xml;
using Alerts.Core.Alerts;

namespace Alerts.Server.Syndication;

/// <summary>
/// Atom 1.0 (RFC 4287). The edition's language is the feed's <c>xml:lang</c>, which is how a
/// reader knows an Arabic feed is right-to-left; headlines are plain text constructs.
/// </summary>
internal static class AtomFeedWriter
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string CategoryScheme = "urn:alerts:";

    public static byte[] Write(FeedSnapshot feed, FeedLinks links)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = false };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, feed.Edition.Language);
            xml.WriteElementString("id", Atom, links.AtomFeedId);
            xml.WriteElementString("title", Atom, $"{feed.Edition.BreakingLabel} · {feed.Edition.Name}");
            xml.WriteElementString("updated", Atom, Timestamp(feed.Updated));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, feed.Edition.Name);
            xml.WriteEndElement();
            WriteLink(xml, "self", links.AtomFeed, "application/atom+xml");
            WriteLink(xml, "alternate", links.JsonFeed, "application/feed+json");
            foreach (var line in feed.Lines)
            {
                WriteEntry(xml, line, links);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, Alert line, FeedLinks links)
    {
        var resource = links.Alert(line.Id);
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, links.AlertId(line.Id));
        xml.WriteStartElement("title", Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(line.Headline);
        xml.WriteEndElement();
        xml.WriteElementString("published", Atom, Timestamp(line.PublishedAt));
        xml.WriteElementString("updated", Atom, Timestamp(line.UpdatedAt));
        // RFC 4287 wants an alternate link when there is no content: the story, or else the alert itself.
        WriteLink(xml, "alternate", line.Url ?? resource, line.Url is null ? "application/json" : null);
        if (line.Url is not null)
        {
            WriteLink(xml, "related", resource, "application/json");
        }

        WriteCategory(xml, "urgency", line.Urgency.ToString().ToLowerInvariant());
        foreach (var section in line.Sections)
        {
            WriteCategory(xml, "section", section);
        }

        foreach (var region in line.Regions)
        {
            WriteCategory(xml, "region", region);
        }

        xml.WriteEndElement();
    }

    private static void WriteLink(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteEndElement();
    }

    private static void WriteCategory(XmlWriter xml, string kind, string term)
    {
        xml.WriteStartElement("category", Atom);
        xml.WriteAttributeString("term", term);
        xml.WriteAttributeString("scheme", CategoryScheme + kind);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
