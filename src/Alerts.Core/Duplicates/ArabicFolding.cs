namespace Alerts.Core.Duplicates;

/// <summary>
/// Folds Arabic letters the way readers already treat them as the same: the hamza and madda
/// forms of alef (أ إ آ ٱ) as bare alef, taa marbuta (ة) as haa, alef maqsura (ى) as yaa.
/// Harakat, Quranic marks and tatweel are dropped by <see cref="IsIgnorable"/>; two editors
/// rarely vocalise a line the same way, and a stretched word is the same word.
/// </summary>
internal static class ArabicFolding
{
    public const char Tatweel = '\u0640';

    public static bool Covers(char c) => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F';

    /// <summary>Marks that are part of a word but not of its spelling.</summary>
    public static bool IsIgnorable(char c) =>
        c is Tatweel
            or >= '\u064B' and <= '\u065F' // fathatan … the harakat and hamza marks
            or '\u0670' // superscript alef
            or >= '\u0610' and <= '\u061A'
            or >= '\u06D6' and <= '\u06ED';

    public static char Fold(char c) => c switch
    {
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627', // أ إ آ ٱ → ا
        '\u0629' => '\u0647', // ة → ه
        '\u0649' => '\u064A', // ى → ي
        '\u06CC' => '\u064A', // Persian yeh → ي
        '\u06A9' => '\u0643', // Persian keheh → ك
        _ => c,
    };

    /// <summary>Folds every letter of a word written in full spelling, for the word lists.</summary>
    public static string FoldWord(string word) => string.Concat(word.Where(c => !IsIgnorable(c)).Select(Fold));

    /// <summary>The value of an Arabic-Indic (٠–٩) or Persian (۰–۹) digit, or -1.</summary>
    public static int DigitValue(char c) => c switch
    {
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };
}
