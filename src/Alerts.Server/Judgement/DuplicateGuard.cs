using Alerts.Core.Alerts;
using Alerts.Core.Duplicates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Judgement;

/// <summary>
/// Compares a headline with the lines of its edition within <c>Alerts:Duplicates:Window</c>, from
/// every <see cref="IWindowLines"/> source. Publishing calls <see cref="RefuseAsync"/>; approving a
/// pending alert must call it too (the desk's seam), with the alert's own id excluded.
/// </summary>
internal sealed class DuplicateGuard(
    IEnumerable<IWindowLines> sources,
    FingerprintCache fingerprints,
    IOptions<DuplicateOptions> options,
    TimeProvider time,
    ILogger<DuplicateGuard> logger)
{
    private readonly DuplicateOptions _options = options.Value;

    /// <summary>The window's lines at or above the threshold, most similar first.</summary>
    public async Task<IReadOnlyList<NearDuplicate>> FindAsync(string edition, string headline, string? excludeId, CancellationToken cancellationToken)
    {
        if (_options.Window <= TimeSpan.Zero)
        {
            return [];
        }

        var since = time.GetUtcNow() - _options.Window;
        var reads = sources.Select(source => source.ReadAsync(edition, since, cancellationToken)).ToList();
        var lines = (await Task.WhenAll(reads))
            .SelectMany(found => found)
            .Where(line => line.Id != excludeId)
            .DistinctBy(line => line.Id)
            .ToDictionary(line => line.Id, StringComparer.Ordinal);
        var matches = NearDuplicates.Find(
            fingerprints.Of(headline),
            lines.Values.Select(line => new DuplicateCandidate(line.Id, fingerprints.Of(line.Headline))),
            _options.Threshold);
        return matches.Select(match => new NearDuplicate(match.Id, lines[match.Id].Headline, match.Similarity)).ToList();
    }

    /// <summary>
    /// The 409 answer when <paramref name="alert"/> nearly repeats a line in the window, or null
    /// when it may go out. <paramref name="allowDuplicate"/> lets it through, and is logged.
    /// </summary>
    public async Task<ProblemHttpResult?> RefuseAsync(Alert alert, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var matches = await FindAsync(alert.Edition, alert.Headline, alert.Id, cancellationToken);
        if (matches.Count == 0)
        {
            return null;
        }

        var closest = matches[0];
        if (allowDuplicate)
        {
            JudgementLog.DuplicateAllowed(logger, alert.Id, alert.Edition, closest.Id, closest.Similarity, alert.Author);
            return null;
        }

        JudgementLog.DuplicateRefused(logger, alert.Edition, closest.Id, closest.Similarity, alert.Author);
        return NearDuplicateProblem.For(closest);
    }
}
