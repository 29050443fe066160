using Alerts.Core.Alerts;

namespace Alerts.Server.Judgement;

/// <summary>
/// The published lines of the window, read from the edition's ticker: it already holds exactly
/// the lines that are live (retracted ones leave it, corrections replace the headline), so the
/// guard needs no index of its own and the event log's append path stays untouched.
/// </summary>
internal sealed class PublishedWindowLines(IAlertLog log, TimeProvider time) : IWindowLines
{
    // A ticker shows far fewer; this only bounds a pathological edition.
    private const int MaxLines = 5000;

    public async Task<IReadOnlyList<WindowLine>> ReadAsync(string edition, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ticker = await log.ReadTickerAsync(edition, time.GetUtcNow(), MaxLines, cancellationToken);
        return ticker.Where(alert => alert.PublishedAt >= since)
            .Select(alert => new WindowLine(alert.Id, alert.Headline, alert.PublishedAt))
            .ToList();
    }
}
