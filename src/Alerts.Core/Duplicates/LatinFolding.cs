using System.Globalization;
using System.Text;

namespace Alerts.Core.Duplicates;

/// <summary>
/// Folds Latin letters for comparison: lower case, accents off (á → a, ñ → n, ü → u), so a
/// Spanish line typed without accents on a phone matches the one typed with them.
/// </summary>
internal static class LatinFolding
{
    private const char First = '\u00C0';
    private const char Last = '\u024F';

    // Built once from Unicode's own decompositions rather than a hand-kept table that misses letters.
    private static readonly char[] Folded = BuildTable();

    public static bool Covers(char c) => c < 0x80 || c is >= First and <= Last;

    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        return Folded[c - First];
    }

    private static char[] BuildTable()
    {
        var table = new char[Last - First + 1];
        for (var c = First; c <= Last; c++)
        {
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            var baseLetter = decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark);
            table[c - First] = baseLetter == default ? lower : baseLetter;
        }

        return table;
    }
}
