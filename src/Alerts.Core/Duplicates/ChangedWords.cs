namespace Alerts.Core.Duplicates;

/// <summary>
/// Whether each of two lines has a word the other lacks: a changed actor, place or verb
/// ("US Senate passes…" / "US House passes…", "…in Wisconsin" / "…in Georgia"). A second editor
/// adds words (a title, "air", "worth") far more often than swapping one, so a swap is taken as
/// different news, the way a different number is. Words match loosely, so inflection and glued
/// particles ("Kenya's" / "Kenyan", "لانتخابات" / "انتخابات", "يدخل" / "دخول") are not swaps.
/// </summary>
internal static class ChangedWords
{
    public static bool OnBothSides(string[] first, string[] second) =>
        HasWordMissingFrom(first, second) && HasWordMissingFrom(second, first);

    private static bool HasWordMissingFrom(string[] words, string[] other)
    {
        foreach (var word in words)
        {
            // A lone letter is a particle split off a number ("بـ95"), not a word.
            if (word.Length > 1 && !Contains(other, word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(string[] words, string word)
    {
        foreach (var candidate in words)
        {
            if (SameWord(word, candidate))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool SameWord(string first, string second)
    {
        if (string.Equals(first, second, StringComparison.Ordinal))
        {
            return true;
        }

        var (shorter, longer) = first.Length <= second.Length ? (first, second) : (second, first);
        var prefix = shorter.AsSpan().CommonPrefixLength(longer);
        if (prefix >= 4 || (prefix == shorter.Length && shorter.Length >= 3))
        {
            return true;
        }

        // Arabic glues one- and two-letter particles to the front of a word (ل، ب، و، ف، ك).
        if (shorter.Length >= 3 && longer.Length - shorter.Length <= 2 && longer.EndsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }

        return ArabicFolding.Covers(first[0]) && ArabicSkeleton(first) is { Length: >= 3 } skeleton
            && skeleton == ArabicSkeleton(second);
    }

    /// <summary>
    /// An Arabic word without its imperfect-verb prefix and long vowels: near enough to its root
    /// that a verb and its noun ("يدخل" / "دخول") or a broken plural ("أسعار" / "سعر") meet.
    /// </summary>
    private static string ArabicSkeleton(string word)
    {
        var start = word.Length >= 4 && word[0] is '\u064A' or '\u062A' or '\u0646' or '\u0627' ? 1 : 0;
        return string.Concat(word.AsSpan(start).ToArray().Where(c => c is not ('\u0627' or '\u0648' or '\u064A')));
    }
}
