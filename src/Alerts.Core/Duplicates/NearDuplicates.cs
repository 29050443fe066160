namespace Alerts.Core.Duplicates;

/// <summary>Scans the lines in a window for near-duplicates of a new headline.</summary>
public static class NearDuplicates
{
    /// <summary>
    /// The lines of <paramref name="window"/> at or above <paramref name="threshold"/>, most
    /// similar first (ties: the order of the window).
    /// </summary>
    public static IReadOnlyList<DuplicateMatch> Find(HeadlineFingerprint headline, IEnumerable<DuplicateCandidate> window, double threshold)
    {
        ArgumentNullException.ThrowIfNull(headline);
        ArgumentNullException.ThrowIfNull(window);
        List<DuplicateMatch>? matches = null;
        foreach (var candidate in window)
        {
            if (HeadlineSimilarity.UpperBound(headline, candidate.Fingerprint) < threshold)
            {
                continue;
            }

            var similarity = HeadlineSimilarity.Compare(headline, candidate.Fingerprint);
            if (similarity >= threshold)
            {
                (matches ??= []).Add(new DuplicateMatch(candidate.Id, similarity));
            }
        }

        return matches is null ? [] : [.. matches.OrderByDescending(m => m.Similarity)];
    }
}
