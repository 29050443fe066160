using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Fanout;

/// <summary>
/// Notes, per alert, how many hub connections and event streams each node sent its latest event to, for the
/// delivery report: one hash per alert, the field <c>{node}</c> for hub connections and <c>sse:{node}</c> for streams.
/// Fire-and-forget: the report is informative, and the relay must not wait on it.
/// </summary>
internal sealed class FanoutRecorder(IConnectionMultiplexer redis, RedisKeys keys, NodeIdentity node) : IFanoutRecorder
{
    /// <summary>How long the figures are kept: long enough for any look back at a day's alerts.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private const string StreamsPrefix = "sse:";

    public void Record(string edition, string alertId, int connections, int streams)
    {
        var database = redis.GetDatabase();
        var key = keys.Fanout(edition, alertId);
        database.HashSet(key, [new(node.Id, connections), new(StreamsPrefix + node.Id, streams)], flags: CommandFlags.FireAndForget);
        database.KeyExpire(key, Retention, CommandFlags.FireAndForget);
    }

    /// <summary>The nodes that relayed the alert, and the hub connections and event streams they sent it to, in all.</summary>
    public async Task<HubDelivery> ReadAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Fanout(edition, alertId)).WaitAsync(cancellationToken);
        var streams = entries.Where(e => ((string)e.Name!).StartsWith(StreamsPrefix, StringComparison.Ordinal)).ToList();
        var hubs = entries.Except(streams).ToList();
        return new HubDelivery(hubs.Count, hubs.Sum(e => (long)e.Value), streams.Sum(e => (long)e.Value));
    }
}
