using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;

namespace Alerts.Server.Syndication;

/// <summary>
/// The lines of a feed: those on the ticker now and those published in the last day, newest
/// first, never a retracted one. The day comes from the newest <see cref="EventWindow"/> events of
/// the log (a newsroom publishes far fewer in a day); each line is taken as its latest event left it.
/// </summary>
internal sealed class FeedLines(IAlertLog log, TimeProvider time)
{
    public const int EventWindow = 1000;
    public const int MaxLines = 200;
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async Task<FeedSnapshot> ReadAsync(Edition edition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = (await log.ReadLatestSeqsAsync(cancellationToken))[edition.Key];
        var page = await log.ReadAsync(edition.Key, Math.Max(0, latest - EventWindow), EventWindow, cancellationToken);
        var ticker = await log.ReadTickerAsync(edition.Key, now, MaxLines, cancellationToken);

        var current = new Dictionary<string, Alert>(StringComparer.Ordinal);
        var updated = DateTimeOffset.UnixEpoch;
        foreach (var stored in page.Events)
        {
            var alertEvent = JsonSerializer.Deserialize<AlertEvent>(stored.Json, AlertsJson.Options)!;
            current[alertEvent.Alert.Id] = alertEvent.Alert;
            updated = alertEvent.At > updated ? alertEvent.At : updated;
        }

        var byId = current.Values.Where(alert => alert.PublishedAt >= now - Day).ToDictionary(alert => alert.Id, StringComparer.Ordinal);
        foreach (var alert in ticker)
        {
            // Read after the events: the newer state of a line wins.
            byId[alert.Id] = alert;
        }

        var lines = byId.Values
            .Where(alert => alert.Status != AlertStatus.Retracted)
            .OrderByDescending(alert => alert.PublishedAt)
            .ThenByDescending(alert => alert.Id, StringComparer.Ordinal)
            .Take(MaxLines)
            .ToList();
        // A line leaves the feed once it is off the ticker and older than a day: until the first does, or an event comes, the feed stands.
        var standsUntil = lines.Count == 0 ? DateTimeOffset.MaxValue : lines.Min(alert => Max(alert.ExpiresAt, alert.PublishedAt + Day));
        return new FeedSnapshot(edition, lines, updated, standsUntil);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
