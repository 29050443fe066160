using System.Collections.Concurrent;
using System.Net;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>
/// <c>WAIT</c> for the appends of one node, shared. <c>WAIT</c> blocks the multiplexed connection it
/// runs on until the replicas answer or the timeout ends; one per append would queue every other
/// command of the node behind a chain of timeouts exactly when a replica is gone (a failover). One
/// <c>WAIT</c> covers every write the connection sent before it, so appends that finish while one is
/// running share the next: at most one runs and one waits its turn, per primary.
/// </summary>
internal sealed class ReplicaWait(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    private readonly ConcurrentDictionary<EndPoint, Round> _rounds = new();

    /// <summary>
    /// With <c>Alerts:Redis:WaitReplicas</c>, returns once that many replicas have every write this node sent
    /// to the server holding <paramref name="writtenKey"/>, or throws <see cref="ReplicasNotReachedException"/>
    /// (the request answers 503): every acknowledged write, not only log appends, must survive a failover.
    /// <c>WAIT</c> counts the writes of the connection it runs on, so it goes to the server that ran the
    /// write: the key's primary (on a Cluster, the one that owns its slot).
    /// </summary>
    public async Task EnsureAsync(RedisKey writtenKey, CancellationToken cancellationToken)
    {
        var required = options.Value.WaitReplicas;
        if (required == 0)
        {
            return;
        }

        var database = redis.GetDatabase();
        // No endpoint while no primary is known: the plain call then fails as any command does during the switch.
        // Asked asynchronously: it is a round trip, and during a failover a blocked pool thread per append
        // starved every connection of the node.
        long reached;
        try
        {
            reached = await database.IdentifyEndpointAsync(writtenKey).WaitAsync(cancellationToken) is { } primary
                ? await ConfirmAsync(primary).WaitAsync(cancellationToken)
                : (long)await database.ExecuteAsync("WAIT", required, (long)options.Value.WaitTimeout.TotalMilliseconds).WaitAsync(cancellationToken);
        }
        catch (RedisServerException)
        {
            // The server was demoted to a replica between the write and the WAIT ("WAIT cannot be used
            // with replica instances"): the write is on a server that will discard it.
            reached = 0;
        }

        if (reached < required)
        {
            throw new ReplicasNotReachedException(required, reached);
        }
    }

    /// <summary>How many replicas confirmed every write sent to <paramref name="primary"/> before this call.</summary>
    public Task<long> ConfirmAsync(EndPoint primary) => _rounds.GetOrAdd(primary, endPoint => new Round(redis.GetServer(endPoint), options.Value)).NextAsync();

    /// <summary>The WAITs of one primary: the one running and the one that will run after it.</summary>
    private sealed class Round(IServer server, RedisOptions options)
    {
        private readonly Lock _gate = new();
        private Task<long> _running = Task.FromResult(0L);
        private Task<long>? _next;

        public Task<long> NextAsync()
        {
            lock (_gate)
            {
                return _next ??= RunAfterAsync(_running);
            }
        }

        private async Task<long> RunAfterAsync(Task<long> previous)
        {
            // Leaves the caller's lock before anything else, so this round is in place as "next" before it runs.
            await Task.Yield();
            // Sent only after the previous WAIT answered, so it is sent after the caller's write too.
            await ((Task)previous).ContinueWith(static _ => { }, TaskScheduler.Default);
            Task<long> wait;
            lock (_gate)
            {
                wait = WaitAsync();
                _running = wait;
                _next = null;
            }

            return await wait;
        }

        private async Task<long> WaitAsync() =>
            (long)await server.ExecuteAsync("WAIT", options.WaitReplicas, (long)options.WaitTimeout.TotalMilliseconds);
    }
}
