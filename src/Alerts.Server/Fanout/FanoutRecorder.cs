using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Fanout;

/// <summary>
/// Notes, per alert, how many hub connections each node sent it to, for the delivery report.
/// Fire-and-forget: the report is informative, and the relay must not wait on it.
/// </summary>
internal sealed class FanoutRecorder(IConnectionMultiplexer redis, RedisKeys keys, NodeIdentity node) : IFanoutRecorder
{
    /// <summary>How long the figures are kept: long enough for any look back at a day's alerts.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public void Record(string edition, string alertId, int connections)
    {
        var database = redis.GetDatabase();
        var key = keys.Fanout(edition, alertId);
        database.HashSet(key, node.Id, connections, flags: CommandFlags.FireAndForget);
        database.KeyExpire(key, Retention, CommandFlags.FireAndForget);
    }

    /// <summary>The nodes that relayed the alert and the connections they sent it to, in all.</summary>
    public async Task<HubDelivery> ReadAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Fanout(edition, alertId)).WaitAsync(cancellationToken);
        return new HubDelivery(entries.Length, entries.Sum(e => (long)e.Value));
    }
}
