using Alerts.Core.Alerts;
using Alerts.Core.Editions;

namespace Alerts.Core.Validation;

/// <summary>Turns validated editor input into alert states: publish, correct, retract.</summary>
public sealed class AlertRules(Taxonomy taxonomy, TimeSpan tickerTtl)
{
    public const int MaxHeadlineLength = 280;
    public const int MaxReasonLength = 500;

    /// <summary>The new alert, or null with <paramref name="errors"/> filled.</summary>
    public Alert? Publish(AlertDraft draft, string id, string author, DateTimeOffset now, ValidationErrors errors)
    {
        string? edition = null;
        if (draft.Edition is null)
        {
            errors.Add("edition", "is required.");
        }
        else if (!taxonomy.Editions.ContainsKey(draft.Edition))
        {
            errors.Add("edition", $"'{draft.Edition}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }
        else
        {
            edition = draft.Edition;
        }

        var headline = PlainText.Normalize(draft.Headline, "headline", MaxHeadlineLength, errors);
        var url = draft.Url is null ? null : AlertUrl.Normalize(draft.Url, "url", errors);
        var image = draft.Image is null ? null : AlertUrl.NormalizeImage(draft.Image, "image", errors);
        var urgency = draft.Urgency is null ? Urgency.Breaking : ParseUrgency(draft.Urgency, "urgency", errors);
        var sections = Slugs(draft.Sections, taxonomy.Sections, "sections", "section", errors);
        var regions = Slugs(draft.Regions, taxonomy.Regions, "regions", "region", errors);
        var storyId = draft.StoryId is null ? null : StoryId.Normalize(draft.StoryId, "storyId", errors);

        if (!errors.IsEmpty || edition is null || headline is null)
        {
            return null;
        }

        return new Alert
        {
            Id = id,
            Edition = edition,
            Headline = headline,
            Url = url,
            Image = image,
            Urgency = urgency,
            Sections = sections,
            Regions = regions,
            Push = draft.Push ?? false,
            StoryId = storyId,
            Status = AlertStatus.Published,
            Author = author,
            PublishedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + tickerTtl,
            Version = 1,
        };
    }

    /// <summary>The corrected alert, or null with <paramref name="errors"/> filled.</summary>
    public Alert? Correct(Alert current, AlertCorrection correction, DateTimeOffset now, ValidationErrors errors)
    {
        if (correction.ChangesNothing)
        {
            errors.Add("body", "name at least one of headline, url, urgency, sections, regions.");
            return null;
        }

        var headline = correction.Headline is null
            ? current.Headline
            : PlainText.Normalize(correction.Headline, "headline", MaxHeadlineLength, errors);
        var url = !correction.UrlSent ? current.Url
            : correction.Url is null ? null
            : AlertUrl.Normalize(correction.Url, "url", errors);
        var urgency = correction.Urgency is null ? current.Urgency : ParseUrgency(correction.Urgency, "urgency", errors);
        var sections = correction.Sections is null
            ? current.Sections
            : Slugs(correction.Sections, taxonomy.Sections, "sections", "section", errors);
        var regions = correction.Regions is null
            ? current.Regions
            : Slugs(correction.Regions, taxonomy.Regions, "regions", "region", errors);

        if (!errors.IsEmpty || headline is null)
        {
            return null;
        }

        return current with
        {
            Headline = headline,
            Url = url,
            Urgency = urgency,
            Sections = sections,
            Regions = regions,
            Push = correction.Push ?? false,
            Status = AlertStatus.Corrected,
            UpdatedAt = now,
            Version = current.Version + 1,
        };
    }

    /// <summary>The retracted alert, or null with <paramref name="errors"/> filled. The reason stays with editors; <paramref name="publicNote"/>, optional, is what readers are told.</summary>
    public static Alert? Retract(Alert current, string? reason, DateTimeOffset now, ValidationErrors errors, string? publicNote = null)
    {
        var text = PlainText.Normalize(reason, "reason", MaxReasonLength, errors);
        var note = publicNote is null ? null : PlainText.Normalize(publicNote, "publicNote", MaxReasonLength, errors);
        if (text is null || (publicNote is not null && note is null))
        {
            return null;
        }

        return current with { Status = AlertStatus.Retracted, RetractionReason = text, PublicNote = note, UpdatedAt = now };
    }

    public static bool TryParseUrgency(string value, out Urgency urgency)
    {
        switch (value)
        {
            case "flash":
                urgency = Urgency.Flash;
                return true;
            case "breaking":
                urgency = Urgency.Breaking;
                return true;
            case "update":
                urgency = Urgency.Update;
                return true;
            default:
                urgency = default;
                return false;
        }
    }

    private static Urgency ParseUrgency(string value, string field, ValidationErrors errors)
    {
        if (!TryParseUrgency(value, out var urgency))
        {
            errors.Add(field, $"'{value}' is not an urgency; use flash, breaking or update.");
        }

        return urgency;
    }

    private static string[] Slugs(IReadOnlyList<string>? values, IReadOnlySet<string> known, string field, string noun, ValidationErrors errors)
    {
        if (values is null)
        {
            return [];
        }

        foreach (var value in values.Where(v => !known.Contains(v)))
        {
            errors.Add(field, $"'{value}' is not a {noun}; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }

        return values.Distinct(StringComparer.Ordinal).ToArray();
    }
}
