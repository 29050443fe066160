namespace Alerts.Server.Hosting;

/// <summary>
/// The thread-pool minimum a node keeps when it reaches Redis through Sentinel. StackExchange.Redis follows
/// a Sentinel failover with blocking calls on pool threads (its issue #2790): a node with two cores starts
/// with two, the pool adds one about every half second, and a failover held up every connection's delivery
/// for seconds. Threads up to this many start at once. Only Sentinel pays for it: a minimum this high wakes
/// more threads for the same work and cost 14–35 % more CPU per delivered message (docs/benchmarks.md).
/// </summary>
internal static class SentinelPoolThreads
{
    public const int Minimum = 32;

    /// <summary>Raises the worker minimum to <see cref="Minimum"/>; false when it was already as high.</summary>
    public static bool Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        return workers < Minimum && ThreadPool.SetMinThreads(Minimum, completionPorts);
    }
}
