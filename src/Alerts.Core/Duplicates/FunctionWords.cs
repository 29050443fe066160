namespace Alerts.Core.Duplicates;

/// <summary>
/// Articles, prepositions and conjunctions of the three newsroom languages, folded. Two editors
/// choose them differently ("strike on Rafah" / "Rafah strike"), so they carry no signal about
/// whether two lines say the same thing. One list serves every edition: the words barely collide
/// across English, Spanish and Arabic, and an edition need not be told which language it is in.
/// </summary>
internal static class FunctionWords
{
    private static readonly HashSet<string> Words = new(Spelled().Select(ArabicFolding.FoldWord), StringComparer.Ordinal);

    public static bool Contains(string word) => Words.Contains(word);

    // Written as editors spell them; folded once when the set is built.
    private static string[] Spelled() =>
    [
        // English
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "as",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "it", "this", "that",
        "after", "over", "into", "amid", "near", "than", "their", "his", "her", "who", "which", "will",
        // Spanish
        "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "en", "y", "e", "o",
        "por", "para", "con", "que", "se", "su", "sus", "lo", "es", "son", "ha", "han", "fue", "tras",
        "sobre", "entre", "ante", "como",
        // Arabic
        "في", "من", "على", "إلى", "عن", "و", "أو", "أن", "إن", "أنه", "إنه", "التي", "الذي", "الذين", "مع", "بعد",
        "قد", "ما", "لا", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "به", "بها", "له", "لها", "عند", "خلال",
    ];
}
