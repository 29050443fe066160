using System.Text.Json.Nodes;

namespace Alerts.Server.Reference;

/// <summary>Request and response examples of the main operations, as a client would send and see them.</summary>
internal static class OperationExamples
{
    private const string AlertId = "01JF3ZQ8W6S0M6Q4X8Y2D5T7VB";

    public static readonly IReadOnlyDictionary<string, JsonNode> Requests = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
    {
        ["PublishAlert"] = new JsonObject
        {
            ["edition"] = "en",
            ["headline"] = "Parliament dissolved; elections called for 12 March",
            ["url"] = "https://example.org/news/parliament-dissolved",
            ["urgency"] = "breaking",
            ["sections"] = new JsonArray("politics"),
            ["regions"] = new JsonArray("europe"),
            ["push"] = true,
        },
        ["CorrectAlert"] = new JsonObject { ["headline"] = "Parliament dissolved; elections called for 14 March" },
        ["RetractAlert"] = new JsonObject { ["reason"] = "Wrong country in the headline", ["publicNote"] = "This alert was withdrawn." },
        ["RegisterDevice"] = new JsonObject
        {
            ["token"] = "fcm-registration-token:APA91bExample",
            ["platform"] = "android",
            ["edition"] = "en",
            ["sections"] = new JsonArray(),
            ["regions"] = new JsonArray("europe"),
            ["minUrgency"] = "breaking",
            ["quietHours"] = new JsonObject { ["from"] = "23:00", ["to"] = "07:00", ["timeZone"] = "Europe/Madrid" },
        },
    };

    public static readonly IReadOnlyDictionary<string, (string Status, JsonNode Body)> Responses = new Dictionary<string, (string, JsonNode)>(StringComparer.Ordinal)
    {
        ["PublishAlert"] = ("201", Event(1, "published", "Parliament dissolved; elections called for 12 March", version: 1)),
        ["CorrectAlert"] = ("200", Event(2, "corrected", "Parliament dissolved; elections called for 14 March", version: 2)),
        ["GetTicker"] = ("200", new JsonObject
        {
            ["edition"] = "en",
            ["latestSeq"] = 2,
            ["alerts"] = new JsonArray(Alert("Parliament dissolved; elections called for 14 March", version: 2)),
        }),
    };

    private static JsonObject Event(long seq, string type, string headline, int version) => new()
    {
        ["seq"] = seq,
        ["type"] = type,
        ["at"] = "2026-03-01T09:30:00+00:00",
        ["alert"] = Alert(headline, version),
    };

    private static JsonObject Alert(string headline, int version) => new()
    {
        ["id"] = AlertId,
        ["edition"] = "en",
        ["headline"] = headline,
        ["url"] = "https://example.org/news/parliament-dissolved",
        ["urgency"] = "breaking",
        ["sections"] = new JsonArray("politics"),
        ["regions"] = new JsonArray("europe"),
        ["push"] = true,
        ["status"] = "published",
        ["author"] = "newsroom",
        ["publishedAt"] = "2026-03-01T09:30:00+00:00",
        ["updatedAt"] = "2026-03-01T09:30:00+00:00",
        ["expiresAt"] = "2026-03-01T15:30:00+00:00",
        ["version"] = version,
    };
}
