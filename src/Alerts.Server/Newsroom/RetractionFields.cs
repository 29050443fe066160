using System.Text.Json;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Newsroom;

/// <summary>The body of <c>POST /api/v1/alerts/{id}/retract</c>: the editors' reason, the public note, and whether the whole story goes.</summary>
internal sealed record RetractionFields(string? Reason, string? PublicNote, bool WholeStory, ValidationErrors Errors)
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "reason", "publicNote", "story" };

    public static RetractionFields Read(JsonElement root, IList<EntityTagHeaderValue>? ifMatch)
    {
        var errors = new ValidationErrors();
        var fields = new JsonFields(root, errors);
        fields.RejectOthers(Names);
        var wholeStory = fields.Boolean("story") ?? false;
        if (wholeStory && ifMatch is not null)
        {
            errors.Add("story", "cannot go with If-Match, which names one version of one alert.");
        }

        return new RetractionFields(fields.String("reason"), fields.String("publicNote"), wholeStory, errors);
    }
}
