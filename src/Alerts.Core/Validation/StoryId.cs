namespace Alerts.Core.Validation;

/// <summary>
/// Rules for a story id, which links the versions of one story across editions: 1–64 characters
/// of letters, digits, '-', '_', '.' and ':', so it fits a URL path and a Redis key as it is. The
/// newsroom picks it (a slug, or the id of the story's first alert).
/// </summary>
public static class StoryId
{
    public const int MaxLength = 64;

    /// <summary>Returns the story id, or null with a message for <paramref name="field"/>.</summary>
    public static string? Normalize(string raw, string field, ValidationErrors errors)
    {
        if (raw.Length is 0 or > MaxLength || !raw.All(IsAllowed))
        {
            errors.Add(field, $"must be 1-{MaxLength} characters of A-Z, a-z, 0-9, '-', '_', '.' and ':'.");
            return null;
        }

        return raw;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
