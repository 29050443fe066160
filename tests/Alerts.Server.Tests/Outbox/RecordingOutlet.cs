using System.Collections.Concurrent;
using Alerts.Core.Alerts;
using Alerts.Server.Outbox;

namespace Alerts.Server.Tests.Outbox;

/// <summary>An outlet that records what it is handed, per node; tests script its answers and can make it hang mid-item.</summary>
internal sealed class RecordingOutlet(
    string node, ConcurrentQueue<(string Node, long Seq, int Attempt)> delivered, Func<OutboxItem, Task<OutletResult>>? answer = null, OutboxPolicy? policy = null)
    : IOutlet, IOutletSet
{
    public static OutboxPolicy FastPolicy { get; } =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400),
            TimeSpan.FromMinutes(1), 100);

    public string Name => "test:recording";

    public IReadOnlyList<string> Editions { get; } = ["en"];

    public OutboxPolicy Policy => policy ?? FastPolicy;

    public bool IsOneTarget => true;

    public IReadOnlyList<IOutlet> Outlets => [this];

    public bool Wants(AlertEvent alertEvent) => true;

    public async Task<OutletResult> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var result = answer is null ? new OutletResult(OutletOutcome.Delivered) : await answer(item);
        if (result.Outcome == OutletOutcome.Delivered)
        {
            delivered.Enqueue((node, item.Stored.Seq, item.Attempt));
        }

        return result;
    }
}
