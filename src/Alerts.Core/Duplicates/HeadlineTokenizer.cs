using System.Globalization;
using System.Text;

namespace Alerts.Core.Duplicates;

/// <summary>
/// Splits a headline into folded words and numbers. Latin letters lose case and accents,
/// Arabic letters lose harakat and tatweel and fold their variants, every script's digits
/// become ASCII digits, and "1,200", "1.200" and "١٬٢٠٠" all become "1200".
/// </summary>
internal static class HeadlineTokenizer
{
    public static List<HeadlineToken> Tokenize(string headline)
    {
        var text = headline.IsNormalized(NormalizationForm.FormC) ? headline : headline.Normalize(NormalizationForm.FormC);
        var tokens = new List<HeadlineToken>();
        var word = new StringBuilder();
        var wordIsNumber = true;
        var startsSegment = false;
        var followsColon = false;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c is >= '0' and <= '9' ? c - '0' : ArabicFolding.DigitValue(c);
            if (digit >= 0)
            {
                // "بـ95", "8pm", "F-16": a number glued to a word is still a number of its own.
                if (!wordIsNumber)
                {
                    Flush();
                }

                word.Append((char)('0' + digit));
                continue;
            }

            if (word.Length > 0 && wordIsNumber && IsNumberSeparator(c) && DigitsFrom(text, i + 1) is var following and > 0)
            {
                // Three digits after the mark is thousands grouping ("1,200", "1.200"); anything else a decimal ("1,5").
                if (following != 3)
                {
                    word.Append('.');
                }

                continue;
            }

            if (IsIgnorable(c))
            {
                continue;
            }

            if (char.IsLetter(c))
            {
                if (wordIsNumber)
                {
                    Flush();
                }

                word.Append(Fold(c));
                wordIsNumber = false;
                continue;
            }

            // "cease-fire" is "ceasefire", "Israel's" is "israels": a joiner between letters does not split a word,
            // but "Israel-Hezbollah" names two.
            if (IsJoiner(c) && !wordIsNumber && i + 1 < text.Length && char.IsLetter(text[i + 1]) && !(c == '-' && char.IsUpper(text[i + 1])))
            {
                continue;
            }

            Flush();
            if (c is ':' or '\uFF1A')
            {
                followsColon = true;
                startsSegment = true;
            }
            else if (IsSegmentBreak(c))
            {
                startsSegment = true;
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            tokens.Add(new HeadlineToken(word.ToString(), wordIsNumber, startsSegment, followsColon));
            word.Clear();
            wordIsNumber = true;
            startsSegment = false;
            followsColon = false;
        }
    }

    private static char Fold(char c)
    {
        if (LatinFolding.Covers(c))
        {
            return LatinFolding.Fold(c);
        }

        return ArabicFolding.Covers(c) ? ArabicFolding.Fold(c) : char.ToLowerInvariant(c);
    }

    private static bool IsIgnorable(char c) =>
        ArabicFolding.IsIgnorable(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format;

    private static bool IsNumberSeparator(char c) => c is ',' or '.' or '\u066B' or '\u066C' or '\'';

    private static bool IsJoiner(char c) => c is '-' or '\u2010' or '\u2011' or '\'' or '\u2019' or '.';

    private static bool IsSegmentBreak(char c) =>
        c is ',' or '\u060C' or ';' or '\u061B' or '.' or '!' or '?' or '\u061F' or '|' or '(' or ')' or '[' or ']'
            or '-' or '\u2013' or '\u2014' or '\u2015' or '"' or '\u00AB' or '\u00BB' or '\u201C' or '\u201D';

    private static int DigitsFrom(string text, int start)
    {
        var end = start;
        while (end < text.Length && (text[end] is >= '0' and <= '9' || ArabicFolding.DigitValue(text[end]) >= 0))
        {
            end++;
        }

        return end - start;
    }
}
