using System.Collections.Concurrent;
using Alerts.Server.EventLog;

namespace Alerts.Server.Outbox;

/// <summary>
/// Wakes an edition's idle outbox workers when the relay sees its log move. A worker takes <see cref="Next"/> before
/// it reads the log, so an append after that read completes the task it waits on; one before it, the read saw.
/// </summary>
internal sealed class OutboxWakeups : ILogAppendSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    public void Appended(string edition)
    {
        if (_next.TryRemove(edition, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    /// <summary>Completes at the next append to <paramref name="edition"/> this node sees.</summary>
    public Task Next(string edition) =>
        _next.GetOrAdd(edition, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
