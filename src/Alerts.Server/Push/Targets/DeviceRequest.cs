using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Push.Targets;

/// <summary>Reads and checks a device registration body, collecting every field's problem instead of stopping at the first.</summary>
internal static partial class DeviceRequest
{
    /// <summary>
    /// FCM registration tokens (APNs ones too, through FCM) are ~160-200 characters; a registration is
    /// kept several times over (record, topic sets, expiry index) for its whole life, so the cap follows
    /// what real clients send, with room to grow, rather than what a request could carry.
    /// </summary>
    public const int MaxTokenLength = 512;

    /// <summary>The longest IANA zone name is 32 characters (America/Argentina/ComodRivadavia).</summary>
    public const int MaxTimeZoneLength = 64;

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
        { "token", "platform", "edition", "sections", "regions", "minUrgency", "quietHours" };

    private static readonly string[] Platforms = ["android", "ios", "web"];

    public static bool IsToken(string? token) => token is not null && Token().IsMatch(token);

    public static DeviceRegistration? Read(JsonElement root, Taxonomy taxonomy, DateTimeOffset now, ValidationErrors errors)
    {
        var fields = new JsonFields(root, errors);
        fields.RejectOthers(Fields);
        var token = fields.String("token");
        if (!IsToken(token))
        {
            errors.Add("token", $"is required: the FCM registration token, 1-{MaxTokenLength} characters of A-Z, a-z, 0-9, '_', ':', '.', '-'.");
        }

        var platform = fields.String("platform");
        if (!Platforms.Contains(platform))
        {
            errors.Add("platform", "must be one of: android, ios, web.");
        }

        var edition = fields.String("edition");
        if (edition is null || !taxonomy.Editions.ContainsKey(edition))
        {
            errors.Add("edition", $"must be one of: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }

        var sections = Known(fields.Strings("sections"), taxonomy.Sections, "sections", errors);
        var regions = Known(fields.Strings("regions"), taxonomy.Regions, "regions", errors);
        var minUrgency = Urgency.Update;
        if (fields.String("minUrgency") is { } urgency && !AlertRules.TryParseUrgency(urgency, out minUrgency))
        {
            errors.Add("minUrgency", "must be one of: flash, breaking, update.");
        }

        var quietHours = root.TryGetProperty("quietHours", out var quiet) && quiet.ValueKind != JsonValueKind.Null ? ReadQuietHours(quiet, errors) : null;
        return errors.IsEmpty
            ? new DeviceRegistration(token!, platform!, edition!, sections, regions, minUrgency, quietHours, now)
            : null;
    }

    private static IReadOnlyList<string> Known(IReadOnlyList<string>? values, IReadOnlySet<string> known, string field, ValidationErrors errors)
    {
        foreach (var unknown in (values ?? []).Where(v => !known.Contains(v)))
        {
            errors.Add(field, $"'{unknown}' is not one of: {string.Join(", ", known)}.");
        }

        return (values ?? []).Distinct(StringComparer.Ordinal).ToList();
    }

    private static QuietHours? ReadQuietHours(JsonElement quiet, ValidationErrors errors)
    {
        if (quiet.ValueKind != JsonValueKind.Object)
        {
            errors.Add("quietHours", "must be an object with from, to and timeZone.");
            return null;
        }

        var from = Time(quiet, "from", errors);
        var to = Time(quiet, "to", errors);
        var zone = quiet.TryGetProperty("timeZone", out var z) && z.ValueKind == JsonValueKind.String ? z.GetString() : null;
        if (zone is null || zone.Length > MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("quietHours.timeZone", "must be an IANA time zone such as Europe/Madrid.");
        }

        return from is { } f && to is { } t && errors.IsEmpty ? new QuietHours(f, t, zone!) : null;
    }

    private static TimeOnly? Time(JsonElement quiet, string name, ValidationErrors errors)
    {
        if (quiet.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add($"quietHours.{name}", "must be a time of day as HH:mm, such as 23:00.");
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_:.-]{1,512}$")]
    private static partial Regex Token();
}
