namespace Alerts.Core.Tests.Duplicates;

/// <summary>One labelled pair of the near-duplicate test set (pairs.tsv).</summary>
public sealed record DuplicatePair(string Language, bool IsDuplicate, string First, string Second)
{
    public static IReadOnlyList<DuplicatePair> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Duplicates", "pairs.tsv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Parse)
            .ToList();
    }

    private static DuplicatePair Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 4 || fields[1] is not ("duplicate" or "distinct"))
        {
            throw new FormatException($"pairs.tsv: expected language, duplicate|distinct, two lines: {line}");
        }

        return new DuplicatePair(fields[0], fields[1] == "duplicate", fields[2], fields[3]);
    }
}
