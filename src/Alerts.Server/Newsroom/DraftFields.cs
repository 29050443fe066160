using System.Text.Json;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary>The body of <c>POST /api/v1/alerts</c> as a draft; also what a preview reads.</summary>
internal static class DraftFields
{
    private static readonly HashSet<string> PublishFields = new(StringComparer.Ordinal)
        { "edition", "headline", "url", "image", "urgency", "sections", "regions", "push", "allowDuplicate", "storyId", "publishAt" };

    /// <summary>The edition a body names, when it names one that exists: what the key is judged against before the body is.</summary>
    public static string? EditionNamedBy(JsonElement root, Taxonomy taxonomy) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("edition", out var named) && named.ValueKind == JsonValueKind.String
            && named.GetString() is { } edition && taxonomy.Editions.ContainsKey(edition)
            ? edition
            : null;

    public static AlertDraft Read(JsonElement root, ValidationErrors errors, out bool allowDuplicate)
    {
        var fields = new JsonFields(root, errors);
        fields.RejectOthers(PublishFields);
        allowDuplicate = fields.Boolean("allowDuplicate") ?? false;
        return new AlertDraft
        {
            Edition = fields.String("edition"),
            Headline = fields.String("headline"),
            Url = fields.String("url"),
            Image = fields.String("image"),
            Urgency = fields.String("urgency"),
            Sections = fields.Strings("sections"),
            Regions = fields.Strings("regions"),
            Push = fields.Boolean("push"),
            StoryId = fields.String("storyId"),
        };
    }
}
