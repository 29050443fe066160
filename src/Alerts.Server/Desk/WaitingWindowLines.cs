using Alerts.Core.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Desk;

/// <summary>The pending and scheduled lines of an edition, for the near-duplicate guard: a line waiting for approval is news already.</summary>
internal sealed class WaitingWindowLines(RedisWaitingAlerts waiting) : IWindowLines
{
    public async Task<IReadOnlyList<WindowLine>> ReadAsync(string edition, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await waiting.ListAsync(edition, cancellationToken))
            .Where(record => WaitingLife.IsWaiting(record.Alert) && record.SubmittedAt >= since)
            .Select(record => new WindowLine(record.Alert.Id, record.Alert.Headline, record.Alert.PublishAt ?? record.SubmittedAt))
            .ToList();
}
