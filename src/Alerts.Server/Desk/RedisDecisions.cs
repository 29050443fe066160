using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>
/// The desk's decisions read from the audit log, where every one is already recorded with who and when, joined
/// with the alert it decided: the ended record beside the log (rejected, cancelled, expired) or the published one.
/// </summary>
internal sealed class RedisDecisions(IConnectionMultiplexer redis, DeskKeys keys, RedisAuditTrail audit, RedisWaitingAlerts waiting, IAlertLog log)
{
    private static readonly HashSet<DeskAction> Ends = [DeskAction.Approved, DeskAction.Rejected, DeskAction.Cancelled, DeskAction.Expired];

    /// <summary>The audit cursor just before the first entry at or after <paramref name="since"/>; the latest seq when there is none.</summary>
    public async Task<long> CursorAtAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var first = await database.SortedSetRangeByScoreAsync(keys.AuditTimes(), since.ToUnixTimeMilliseconds(), double.PositiveInfinity, take: 1)
            .WaitAsync(cancellationToken);
        return first.Length > 0
            ? (long)first[0] - 1
            : (long)await database.StringGetAsync(keys.AuditSeq()).WaitAsync(cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> decisions after the audit cursor <paramref name="after"/> on editions <paramref name="visible"/> allows.</summary>
    public async Task<DecisionsResponse> ReadAsync(long after, int limit, Func<string, bool> visible, CancellationToken cancellationToken)
    {
        var (entries, latestSeq) = await audit.ReadAsync(
            after, null, limit, e => e.AlertId is not null && e.Edition is not null && visible(e.Edition) && (Ends.Contains(e.Action) || e.Action == DeskAction.Published),
            cancellationToken);
        var alerts = await Task.WhenAll(entries.Select(e => FindAsync(e.Edition!, e.AlertId!, cancellationToken)));
        var decisions = entries.Zip(alerts)
            // A publication is a decision only for an alert that waited; a direct one is on the hub already.
            .Where(p => p.First.Action != DeskAction.Published || p.Second is { SubmittedBy: not null } or { PublishAt: not null })
            .Select(p => new Decision
            {
                Seq = p.First.Seq, At = p.First.At, Actor = p.First.Actor, Action = p.First.Action, AlertId = p.First.AlertId!,
                Edition = p.First.Edition!, Detail = p.First.Detail, Alert = p.Second,
            })
            .ToList();
        // Fewer than asked means the scan reached the end of the log, which was at least latestSeq when it began.
        var next = entries.Count == limit ? entries[^1].Seq : Math.Max(after, Math.Max(latestSeq, entries.Count > 0 ? entries[^1].Seq : 0));
        return new DecisionsResponse(decisions, next);
    }

    private async Task<Alert?> FindAsync(string edition, string alertId, CancellationToken cancellationToken) =>
        (await waiting.FindAsync(edition, alertId, cancellationToken))?.Record.Alert ?? (await log.FindAsync(alertId, cancellationToken))?.Alert;
}
