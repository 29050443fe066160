namespace Alerts.Core.Duplicates;

/// <summary>
/// How nearly two headlines say the same thing, from 0 to 1: a blend of word overlap (which words
/// the editors chose) and character-trigram overlap (which survives inflection, clitics and
/// spelling), each as Dice's coefficient, taken over the whole lines and over their bodies
/// without a named source, whichever agrees most. Lines whose numbers differ, or that each have a
/// word the other lacks (<see cref="ChangedWords"/>), score at most half: "4 soldiers killed" and
/// "5 soldiers killed" are different news, and so are "…in Wisconsin" and "…in Georgia".
/// </summary>
public static class HeadlineSimilarity
{
    /// <summary>The default bar for a near-duplicate, tuned on the test set in docs/duplicates.md.</summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>Share of the word overlap in the blend; the rest is the trigram overlap.</summary>
    internal const double WordWeight = 0.5;

    /// <summary>What a line scores at most, relative to its text, when its numbers differ.</summary>
    internal const double NumberMismatchFactor = 0.5;

    /// <summary>What a line scores at most, relative to its text, when each line has a word the other lacks.</summary>
    internal const double ChangedWordFactor = 0.5;

    /// <summary>The similarity of two fingerprinted headlines, 0 to 1.</summary>
    public static double Compare(HeadlineFingerprint first, HeadlineFingerprint second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var best = (Score: Blend(first.Whole, second.Whole), First: first.Whole, Second: second.Whole);
        if (first.Body is { } firstBody)
        {
            best = Better(best, firstBody, second.Whole);
        }

        if (second.Body is { } secondBody)
        {
            best = Better(best, first.Whole, secondBody);
            if (first.Body is { } bothBody)
            {
                best = Better(best, bothBody, secondBody);
            }
        }

        var text = ChangedWords.OnBothSides(best.First.Terms, best.Second.Terms) ? best.Score * ChangedWordFactor : best.Score;
        return SameNumbers(first, second) ? text : text * NumberMismatchFactor;
    }

    /// <summary>
    /// A cheap ceiling on <see cref="Compare"/> from the sizes alone, so a scan skips lines that
    /// cannot reach the bar without merging their sets.
    /// </summary>
    internal static double UpperBound(HeadlineFingerprint first, HeadlineFingerprint second)
    {
        var bound = Bound(first.Whole, second.Whole);
        if (first.Body is not null || second.Body is not null)
        {
            bound = Math.Max(bound, Bound(first.Body ?? first.Whole, second.Whole));
            bound = Math.Max(bound, Bound(first.Whole, second.Body ?? second.Whole));
            bound = Math.Max(bound, Bound(first.Body ?? first.Whole, second.Body ?? second.Whole));
        }

        return SameNumbers(first, second) ? bound : bound * NumberMismatchFactor;
    }

    private static (double Score, TermSet First, TermSet Second) Better((double Score, TermSet First, TermSet Second) best, TermSet first, TermSet second)
    {
        var score = Blend(first, second);
        return score > best.Score ? (score, first, second) : best;
    }

    private static double Blend(TermSet first, TermSet second) =>
        (WordWeight * TermSet.Dice(first.Words, second.Words))
        + ((1 - WordWeight) * TermSet.Dice(first.Trigrams, second.Trigrams));

    private static double Bound(TermSet first, TermSet second) =>
        (WordWeight * TermSet.DiceBound(first.Words.Length, second.Words.Length))
        + ((1 - WordWeight) * TermSet.DiceBound(first.Trigrams.Length, second.Trigrams.Length));

    private static bool SameNumbers(HeadlineFingerprint first, HeadlineFingerprint second) =>
        first.Numbers.AsSpan().SequenceEqual(second.Numbers);
}
