namespace Alerts.Core.Duplicates;

/// <summary>
/// What <see cref="HeadlineSimilarity"/> compares: a headline folded (case, accents, Arabic
/// diacritics and letter variants, digits of every script), split into words and character
/// trigrams, with its numbers kept apart and, when it names a source, its body without it.
/// Build it once per line: comparing two fingerprints is merges of sorted sets, with string work
/// only in the loose word match of lines that already agree (<see cref="ChangedWords"/>).
/// </summary>
public sealed class HeadlineFingerprint
{
    private HeadlineFingerprint(TermSet whole, TermSet? body, string[] numbers)
    {
        Whole = whole;
        Body = body;
        Numbers = numbers;
    }

    internal TermSet Whole { get; }

    /// <summary>The line without its source, or null when it names none.</summary>
    internal TermSet? Body { get; }

    /// <summary>The line's numbers, sorted, with repeats: "4 killed, 4 wounded" is not "4 killed".</summary>
    internal string[] Numbers { get; }

    /// <summary>Fingerprints a headline (any script; NFC or not).</summary>
    public static HeadlineFingerprint Of(string headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var terms = Terms(headline);
        var numbers = terms.Where(t => t.IsNumber).Select(t => t.Text).Order(StringComparer.Ordinal).ToArray();
        var (start, end) = SourceSpan.Body(terms);
        var whole = TermSet.Of(terms);
        var body = start > 0 || end < terms.Count ? TermSet.Of(terms[start..end]) : null;
        return new HeadlineFingerprint(whole, body, numbers);
    }

    /// <summary>Tokens with numbers spelled out made digits, function words dropped (their breaks kept) and stems taken.</summary>
    private static List<HeadlineToken> Terms(string headline)
    {
        var terms = new List<HeadlineToken>();
        var startsSegment = false;
        var followsColon = false;
        foreach (var token in HeadlineTokenizer.Tokenize(headline))
        {
            startsSegment |= token.StartsSegment;
            followsColon |= token.FollowsColon;
            if (!token.IsNumber && NumberWords.TryGetValue(token.Text, out var value))
            {
                terms.Add(new HeadlineToken(value, true, startsSegment, followsColon));
            }
            else if (token.IsNumber)
            {
                terms.Add(token with { StartsSegment = startsSegment, FollowsColon = followsColon });
            }
            else if (!FunctionWords.Contains(token.Text))
            {
                terms.Add(new HeadlineToken(WordStem.Of(token.Text), false, startsSegment, followsColon));
            }
            else
            {
                continue;
            }

            startsSegment = false;
            followsColon = false;
        }

        return terms;
    }
}
