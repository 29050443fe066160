using System.Globalization;
using System.Text;

namespace Alerts.Core.Validation;

/// <summary>
/// Rules for editor-written plain text (headlines, retraction reasons): NFC-normalised, trimmed,
/// counted in Unicode code points, free of control characters and of explicit bidi embeddings,
/// overrides and isolates. Marks such as U+200F RIGHT-TO-LEFT MARK stay: Arabic text uses them,
/// and isolating the line from the page is the renderer's job.
/// </summary>
public static class PlainText
{
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
        foreach (var problem in Scan(text))
        {
            if (problem is { } message)
            {
                errors.Add(field, message);
                return null;
            }

            length++;
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

    /// <summary>Yields one null per acceptable code point, or a message at the first bad one.</summary>
    private static IEnumerable<string?> Scan(string text)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                yield return "contains invalid Unicode (a lone surrogate).";
                yield break;
            }

            if (Describe(rune) is { } message)
            {
                yield return message;
                yield break;
            }

            index += consumed;
            yield return null;
        }
    }

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

        return null;
    }
}
