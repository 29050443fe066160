namespace Alerts.Core.Duplicates;

/// <summary>
/// Small numbers spelled out, folded, so "three soldiers" and "3 soldiers" are the same number
/// and "three" and "four" stay different ones. "One" and its kin are left out: "one of the" is
/// rarely a count, and Spanish "once" (11) is English "once".
/// </summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["dozen"] = "12",
        ["dos"] = "2", ["tres"] = "3", ["cuatro"] = "4", ["cinco"] = "5", ["seis"] = "6", ["siete"] = "7",
        ["ocho"] = "8", ["nueve"] = "9", ["diez"] = "10", ["doce"] = "12", ["docena"] = "12",
        ["اثنان"] = "2", ["اثنين"] = "2", ["اثنتان"] = "2", ["اثنتين"] = "2",
        ["ثلاث"] = "3", ["ثلاثه"] = "3", ["اربع"] = "4", ["اربعه"] = "4", ["خمس"] = "5", ["خمسه"] = "5",
        ["ست"] = "6", ["سته"] = "6", ["سبع"] = "7", ["سبعه"] = "7", ["ثماني"] = "8", ["ثمانيه"] = "8",
        ["تسع"] = "9", ["تسعه"] = "9", ["عشر"] = "10", ["عشره"] = "10",
    };

    public static bool TryGetValue(string word, out string value) => Values.TryGetValue(word, out value!);
}
