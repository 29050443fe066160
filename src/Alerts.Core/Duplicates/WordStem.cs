namespace Alerts.Core.Duplicates;

/// <summary>
/// The lightest stemming that pays: an English or Spanish plural "s" ("strikes" / "strike"); in
/// Arabic, the article with the particles glued to it (ال، وال، بال، لل…) and the commonest
/// endings (ات، ون، ين، ة), which Arabic writes as part of the word. Anything heavier mistakes
/// different words for one; <see cref="ChangedWords"/> matches the rest loosely.
/// </summary>
internal static class WordStem
{
    private const int MinArabicStem = 3;
    private static readonly string[] ArabicPrefixes = ["وال", "فال", "بال", "كال", "لل", "ال"];
    private static readonly string[] ArabicSuffixes = ["ات", "ون", "ين", "\u0647"];

    public static string Of(string word)
    {
        if (word.Length == 0)
        {
            return word;
        }

        if (ArabicFolding.Covers(word[0]))
        {
            return StripArabicSuffix(StripArabicPrefix(word));
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
    }

    private static string StripArabicPrefix(string word)
    {
        foreach (var prefix in ArabicPrefixes)
        {
            if (word.Length - prefix.Length >= MinArabicStem && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return word[prefix.Length..];
            }
        }

        return word;
    }

    private static string StripArabicSuffix(string word)
    {
        foreach (var suffix in ArabicSuffixes)
        {
            if (word.Length - suffix.Length >= MinArabicStem && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
