namespace Alerts.Core.Duplicates;

/// <summary>A line in the window that a new headline nearly repeats.</summary>
/// <param name="Id">The earlier alert's id.</param>
/// <param name="Similarity">From the threshold up to 1.</param>
public sealed record DuplicateMatch(string Id, double Similarity);
