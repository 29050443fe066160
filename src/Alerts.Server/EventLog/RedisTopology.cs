using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>
/// Whether the process talks to a Redis Cluster. There, fan-out uses sharded pub/sub (<c>SPUBLISH</c>/<c>SSUBSCRIBE</c>):
/// a classic <c>PUBLISH</c> is copied to every node of the cluster, so its cost grows with the cluster,
/// while a sharded one stays on the shard that owns the edition's slot. Standalone Redis, Sentinel
/// and the embedded Garnet keep classic pub/sub.
/// </summary>
internal sealed class RedisTopology(IConnectionMultiplexer redis)
{
    private bool? _isCluster;

    /// <summary>
    /// Known once a server answered; the multiplexer connects before the host starts, so the relay's
    /// subscriptions and every publish agree. Until then (Redis down at start) the answer is "no" and not kept.
    /// </summary>
    public bool IsCluster
    {
        get
        {
            if (_isCluster is { } known)
            {
                return known;
            }

            var connected = redis.GetServers().Where(s => s.IsConnected).ToList();
            if (connected.Count == 0)
            {
                return false;
            }

            _isCluster = connected.Any(s => s.ServerType == ServerType.Cluster);
            return _isCluster.Value;
        }
    }

    /// <summary>
    /// A pub/sub channel named <paramref name="name"/>: sharded on a Cluster, where a name carrying a hash tag lives in
    /// the slot of the keys it speaks of; an ordinary channel elsewhere.
    /// </summary>
    public RedisChannel Channel(string name) => IsCluster ? RedisChannel.Sharded(name) : RedisChannel.Literal(name);
}
