namespace Alerts.Core.Duplicates;

/// <summary>
/// The words and the character trigrams of a headline (or of its body without the source), each
/// as a sorted set of 64-bit codes: comparing two sets is one merge, with no string work, which
/// keeps a check against a thousand lines under a millisecond.
/// </summary>
internal sealed class TermSet
{
    private TermSet(string[] terms, ulong[] words, ulong[] trigrams)
    {
        Terms = terms;
        Words = words;
        Trigrams = trigrams;
    }

    /// <summary>The words, in order, for <see cref="ChangedWords"/>.</summary>
    public string[] Terms { get; }

    public ulong[] Words { get; }

    public ulong[] Trigrams { get; }

    public static TermSet Of(IReadOnlyCollection<HeadlineToken> tokens)
    {
        var terms = tokens.Where(t => !t.IsNumber).Select(t => t.Text).ToArray();
        var words = new List<ulong>();
        var trigrams = new List<ulong>();
        var previous = (First: ' ', Second: ' ');
        foreach (var term in tokens.Select(t => t.Text))
        {
            words.Add(Hash(term));
            // Trigrams run across the space between words, so word order counts a little, not all.
            foreach (var c in term)
            {
                trigrams.Add(Pack(previous.First, previous.Second, c));
                previous = (previous.Second, c);
            }

            trigrams.Add(Pack(previous.First, previous.Second, ' '));
            previous = (previous.Second, ' ');
        }

        return new TermSet(terms, SortedSet(words), SortedSet(trigrams));
    }

    /// <summary>Dice's coefficient of two sorted sets: shared members over the mean size.</summary>
    public static double Dice(ulong[] first, ulong[] second)
    {
        if (first.Length + second.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < first.Length && j < second.Length)
        {
            var difference = first[i].CompareTo(second[j]);
            if (difference == 0)
            {
                shared++;
                i++;
                j++;
            }
            else if (difference < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * shared / (first.Length + second.Length);
    }

    /// <summary>The highest Dice two sets of these sizes could reach: both sets share all of the smaller one.</summary>
    public static double DiceBound(int first, int second) =>
        first + second == 0 ? 0 : 2.0 * Math.Min(first, second) / (first + second);

    private static ulong[] SortedSet(List<ulong> codes)
    {
        codes.Sort();
        var distinct = 0;
        for (var i = 0; i < codes.Count; i++)
        {
            if (i == 0 || codes[i] != codes[distinct - 1])
            {
                codes[distinct++] = codes[i];
            }
        }

        return [.. codes.Take(distinct)];
    }

    private static ulong Pack(char first, char second, char third) => ((ulong)first << 32) | ((ulong)second << 16) | third;

    // FNV-1a: stable across processes, unlike string.GetHashCode, so a fingerprint means the same on every node.
    private static ulong Hash(string term)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
