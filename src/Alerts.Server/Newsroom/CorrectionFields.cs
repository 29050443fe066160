using System.Text.Json;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary>The body of <c>PATCH /api/v1/alerts/{id}</c>: the correction, and <c>publishAt</c> for an alert that still waits.</summary>
internal sealed record CorrectionFields(AlertCorrection Correction, bool PublishAtSent, string? PublishAt, ValidationErrors Errors)
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
        { "headline", "url", "urgency", "sections", "regions", "push", "publishAt" };

    public static CorrectionFields Read(JsonElement root)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(root, errors);
        fields.RejectOthers(Names);
        var correction = new AlertCorrection
        {
            Headline = fields.String("headline"),
            UrlSent = fields.Has("url"),
            Url = fields.String("url"),
            Urgency = fields.String("urgency"),
            Sections = fields.Strings("sections"),
            Regions = fields.Strings("regions"),
            Push = fields.Boolean("push"),
        };
        return new CorrectionFields(correction, fields.Has("publishAt"), fields.String("publishAt"), errors);
    }
}
