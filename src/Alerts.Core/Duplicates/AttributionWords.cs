namespace Alerts.Core.Duplicates;

/// <summary>
/// Words that introduce who said a line ("…, ministry says", "según el ministerio", "بحسب
/// وزارة الصحة"), folded. A second editor often names the same source differently, or puts it
/// at the other end of the line; <see cref="HeadlineFingerprint"/> also compares the lines
/// without it. Checked against stems (see <see cref="WordStem"/>).
/// </summary>
internal static class AttributionWords
{
    private static readonly HashSet<string> Words = new(Spelled().Select(ArabicFolding.FoldWord), StringComparer.Ordinal);

    public static bool Contains(string word) => Words.Contains(word);

    // Written as editors spell them; folded once when the set is built.
    private static string[] Spelled() =>
    [
        // Stems, as HeadlineFingerprint compares them: "says" is "say", "reports" is "report".
        "say", "said", "according", "report", "reported", "claim", "confirm", "announce", "tell", "cite",
        "segun", "dice", "dicen", "dijo", "afirma", "informa", "informo", "asegura", "confirma", "anuncia", "senala",
        "بحسب", "حسب", "وفق", "وفقاً", "قال", "قالت", "يقول", "تقول", "أفاد", "أفادت", "أعلن", "أعلنت", "ذكرت", "أكدت", "نقلاً",
    ];
}
