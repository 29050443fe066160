using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Fanout;

/// <summary>This node's feed of every configured edition.</summary>
internal sealed class EditionFeeds(
    Taxonomy taxonomy,
    IAlertLog log,
    ILogEpochs epochs,
    IOptions<FanoutOptions> options,
    TimeProvider time,
    AlertsMetrics metrics,
    IFanoutRecorder recorder,
    IRelayWork work,
    ILoggerFactory loggerFactory)
{
    private readonly Dictionary<string, EditionFeed> _feeds = taxonomy.Editions.Keys.ToDictionary(
        edition => edition,
        edition => new EditionFeed(edition, log, epochs, options.Value.BackfillPageSize, time, metrics, recorder, work, loggerFactory.CreateLogger<EditionFeed>()),
        StringComparer.Ordinal);

    public EditionFeed this[string edition] => _feeds[edition];

    public IEnumerable<EditionFeed> All => _feeds.Values;
}
