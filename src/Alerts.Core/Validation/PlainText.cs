using System.Globalization;
using System.Text;

namespace Alerts.Core.Validation;

/// <summary>
/// Rules for editor-written plain text (headlines, retraction reasons): NFC-normalised, trimmed,
/// counted in Unicode code points, free of control characters and of explicit bidi embeddings,
/// overrides and isolates. Marks such as U+200F RIGHT-TO-LEFT MARK stay: Arabic text uses them,
/// and isolating the line from the page is the renderer's job.
/// Text that shows nothing or hides something is refused too: it needs at least one visible
/// character, Unicode tag characters (invisible ASCII look-alikes) are refused anywhere, and at
/// most <see cref="MaxMarksPerBase"/> combining marks may stack on one character ("Zalgo" text
/// that spills over the lines around it). Format characters such as ZWJ and ZWNJ stay allowed
/// between visible characters: Arabic and emoji sequences need them.
/// </summary>
public static class PlainText
{
    /// <summary>Arabic stacks at most a shadda, a vowel and a few Quranic marks; more is decoration or an attack.</summary>
    public const int MaxMarksPerBase = 4;

    /// <summary>Normalises <paramref name="raw"/> or adds a message for <paramref name="field"/>.</summary>
    public static string? Normalize(string? raw, string field, int maxLength, ValidationErrors errors)
    {
        if (raw is null)
        {
            errors.Add(field, "is required.");
            return null;
        }

        if (!TryNormalize(raw, out raw))
        {
            errors.Add(field, "contains invalid Unicode (a lone surrogate).");
            return null;
        }

        var text = raw.Trim();
        if (text.Length == 0)
        {
            errors.Add(field, "must not be empty.");
            return null;
        }

        var length = 0;
        var visible = false;
        foreach (var (isVisible, problem) in Scan(text))
        {
            if (problem is { } message)
            {
                errors.Add(field, message);
                return null;
            }

            visible |= isVisible;
            length++;
        }

        if (!visible)
        {
            errors.Add(field, "must contain at least one visible character (it has only spaces, format characters or fillers).");
            return null;
        }

        if (length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters (it has {length}).");
            return null;
        }

        return text;
    }

    // Both calls throw on invalid UTF-16 (a lone surrogate), which is then a validation message, not a 500.
    private static bool TryNormalize(string raw, out string normalized)
    {
        try
        {
            normalized = raw.IsNormalized(NormalizationForm.FormC) ? raw : raw.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = raw;
            return false;
        }
    }

    /// <summary>Yields, per acceptable code point, whether it is visible; or a message at the first bad one.</summary>
    private static IEnumerable<(bool Visible, string? Problem)> Scan(string text)
    {
        var index = 0;
        var marks = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                yield return (false, "contains invalid Unicode (a lone surrogate).");
                yield break;
            }

            if (Describe(rune) is { } message)
            {
                yield return (false, message);
                yield break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            marks = IsCombiningMark(category) ? marks + 1 : 0;
            if (marks > MaxMarksPerBase)
            {
                yield return (false, $"must not stack more than {MaxMarksPerBase} combining marks on one character (found {marks} before U+{rune.Value:X4}).");
                yield break;
            }

            index += consumed;
            yield return (IsVisible(rune, category), null);
        }
    }

    private static bool IsCombiningMark(UnicodeCategory category) =>
        category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// Whether the code point draws something on its own: not a space, not a format character
    /// (ZWSP, ZWJ, LRM, BOM…), not a mark (it draws on another character), not a filler that
    /// renders as blank (Hangul fillers, the halfwidth filler, the blank braille pattern).
    /// </summary>
    private static bool IsVisible(Rune rune, UnicodeCategory category) =>
        category is not (UnicodeCategory.SpaceSeparator or UnicodeCategory.Format)
        && !IsCombiningMark(category)
        && rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800);

    private static string? Describe(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        {
            return $"must not contain control characters (found U+{rune.Value:X4}).";
        }

        if (rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
        {
            return $"must not contain bidi embedding, override or isolate characters (found U+{rune.Value:X4}).";
        }

        // Invisible copies of ASCII that can smuggle text past a reader; subdivision flags (England,
        // Scotland, Wales) are built from them too and are refused with them.
        if (rune.Value is >= 0xE0000 and <= 0xE007F)
        {
            return $"must not contain Unicode tag characters (found U+{rune.Value:X5}).";
        }

        return null;
    }
}
