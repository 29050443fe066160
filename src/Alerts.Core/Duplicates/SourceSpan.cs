namespace Alerts.Core.Duplicates;

/// <summary>
/// Finds the body of a headline between a leading source ("Gaza Health Ministry: …", "Según el
/// ministerio, …") and a trailing one ("…, ministry says", "… بحسب وزارة الصحة"). A source is at
/// most <see cref="MaxSourceTerms"/> terms, and at least <see cref="MinBodyTerms"/> remain, so a
/// line is never reduced to nothing.
/// </summary>
internal static class SourceSpan
{
    public const int MaxSourceTerms = 7;
    public const int MinBodyTerms = 3;

    /// <summary>The body as [start, end) over <paramref name="terms"/>; the whole line when it names no source.</summary>
    public static (int Start, int End) Body(IReadOnlyList<HeadlineToken> terms)
    {
        var start = LeadingSourceEnd(terms);
        return (start, TrailingSourceStart(terms, start));
    }

    private static int LeadingSourceEnd(IReadOnlyList<HeadlineToken> terms)
    {
        var last = Math.Min(MaxSourceTerms, terms.Count - MinBodyTerms);
        for (var i = 1; i <= last; i++)
        {
            if (terms[i].FollowsColon)
            {
                return i;
            }
        }

        if (terms.Count > 0 && AttributionWords.Contains(terms[0].Text))
        {
            for (var i = 2; i <= last + 1 && i <= terms.Count - MinBodyTerms; i++)
            {
                if (terms[i].StartsSegment)
                {
                    return i;
                }
            }
        }

        return 0;
    }

    private static int TrailingSourceStart(IReadOnlyList<HeadlineToken> terms, int bodyStart)
    {
        var first = Math.Max(bodyStart + MinBodyTerms, terms.Count - MaxSourceTerms);
        for (var i = first; i < terms.Count; i++)
        {
            if (terms[i].StartsSegment && NamesSource(terms, i))
            {
                return i;
            }

            if (AttributionWords.Contains(terms[i].Text))
            {
                return i;
            }
        }

        return terms.Count;
    }

    private static bool NamesSource(IReadOnlyList<HeadlineToken> terms, int from)
    {
        for (var i = from; i < terms.Count; i++)
        {
            if (AttributionWords.Contains(terms[i].Text))
            {
                return true;
            }
        }

        return false;
    }
}
