using System.Text.Json;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Server.EventLog;
using StackExchange.Redis;

namespace Alerts.Server.Desk;

/// <summary>Corrections of published alerts that wait for approval, per edition, beside the log (never in it).</summary>
internal sealed class RedisPendingCorrections(IConnectionMultiplexer redis, DeskKeys keys, Taxonomy taxonomy, ReplicaWait replicaWait)
{
    /// <summary>The pending correction of the alert with this id, in any edition, or null.</summary>
    public async Task<PendingCorrectionEntry?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(taxonomy.Editions.Keys.Select(edition => FindAsync(edition, alertId, cancellationToken)));
        return found.FirstOrDefault(entry => entry is not null);
    }

    public async Task<PendingCorrectionEntry?> FindAsync(string edition, string alertId, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var transaction = database.CreateTransaction();
        var record = transaction.HashGetAsync(keys.Corrections(edition), alertId);
        var revision = transaction.HashGetAsync(keys.CorrectionRevisions(edition), alertId);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        var json = await record;
        return json.HasValue ? new PendingCorrectionEntry(Parse(json), (int)await revision) : null;
    }

    /// <summary>The revision a first correction of the alert must be stored against (ended ones count).</summary>
    public async Task<int> RevisionAsync(string edition, string alertId, CancellationToken cancellationToken) =>
        (int)await redis.GetDatabase().HashGetAsync(keys.CorrectionRevisions(edition), alertId).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<PendingCorrection>> ListAsync(string edition, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashValuesAsync(keys.Corrections(edition)).WaitAsync(cancellationToken);
        return entries.Select(Parse).ToList();
    }

    /// <summary>
    /// Stores <paramref name="correction"/> (null: ends it) if the stored revision is still <paramref name="expectedRevision"/>;
    /// false when someone else changed it first. Acknowledged only once the replicas have it (with <c>WaitReplicas</c>).
    /// </summary>
    public async Task<bool> WriteAsync(string edition, string alertId, int expectedRevision, PendingCorrection? correction, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var changed = (int)await redis.GetDatabase().ScriptEvaluateAsync(
            DeskScripts.CorrectionChange,
            [keys.Corrections(edition), keys.CorrectionRevisions(edition)],
            [alertId, expectedRevision, correction is null ? "" : JsonSerializer.Serialize(correction, AlertsJson.Options)]) == 1;
        if (changed)
        {
            await replicaWait.EnsureAsync(keys.Corrections(edition), cancellationToken);
        }

        return changed;
    }

    private static PendingCorrection Parse(RedisValue json) => JsonSerializer.Deserialize<PendingCorrection>((string)json!, AlertsJson.Options)!;
}
