using System.Globalization;
using Alerts.Core.Alerts;
using Alerts.Server.Push.Fcm;

namespace Alerts.Server.Push.Targets;

/// <summary>Topics mode: the targets are the conditions over the alert's topics; the cursor is the count already sent.</summary>
internal sealed class TopicTargets : IPushTargets
{
    public Task<TargetPage> NextAsync(AlertEvent alertEvent, string cursor, int size, CancellationToken cancellationToken)
    {
        var conditions = PushTopics.Conditions(PushTopics.For(alertEvent.Alert));
        var done = cursor.Length == 0 ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var page = conditions.Skip(done).Take(size).ToList();
        var next = done + page.Count;
        return Task.FromResult(new TargetPage(page, next.ToString(CultureInfo.InvariantCulture), next >= conditions.Count, []));
    }

    public Task<TargetPage> ReleaseAsync(AlertEvent alertEvent, IReadOnlyList<string> released, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetPage(released, "", IsLast: true, []));

    public Message Address(Message message, string target) => message with { Condition = target };

    public Task PruneAsync(string target, CancellationToken cancellationToken) => Task.CompletedTask;
}
