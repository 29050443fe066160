using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>The event log in Redis (or the embedded Garnet): one sorted set per edition, see <see cref="RedisKeys"/>.</summary>
internal sealed class RedisAlertLog(
    IConnectionMultiplexer redis, RedisKeys keys, RedisTopology topology, ReplicaWait replicaWait, Taxonomy taxonomy, IOptions<RedisOptions> options, AlertsMetrics metrics)
    : IAlertLog
{
    private readonly RedisOptions _options = options.Value;

    public async Task<AppendResult> AppendAsync(AlertEvent alertEvent, int expectedRevision, string? idempotencyId, CancellationToken cancellationToken)
    {
        var edition = alertEvent.Edition;
        var alert = alertEvent.Alert;
        using var activity = AlertsTracing.Source.StartActivity("alerts.append");
        activity?.SetTag(AlertsTracing.Edition, edition).SetTag(AlertsTracing.AlertId, alert.Id).SetTag(AlertsTracing.EventType, alertEvent.Type.ToString());
        // The log is what the public reads (/events, the hub): a retraction stores only the alert's public view, the state keeps the full record.
        var eventJson = JsonSerializer.Serialize(alertEvent with { Seq = 0, Epoch = null, Alert = alert.PublicView() }, AlertsJson.Options);
        if (!eventJson.StartsWith(AppendScript.SeqPlaceholder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("An event must serialise with seq as its first member.");
        }

        var onTicker = alert.Status != AlertStatus.Retracted;
        RedisKey[] scriptKeys =
        [
            keys.Seq(edition), keys.Log(edition), keys.Alerts(edition), keys.Revisions(edition), keys.Ticker(edition),
            keys.IdempotentEvent(edition, idempotencyId ?? "-"), keys.Epoch(edition),
        ];
        List<RedisValue> arguments =
        [
            eventJson[AppendScript.SeqPlaceholder.Length..],
            alert.Id,
            JsonSerializer.Serialize(alert, AlertsJson.Options),
            expectedRevision,
            onTicker ? alert.ExpiresAt.ToUnixTimeMilliseconds() : -1,
            _options.Retention,
            keys.Events(edition).ToString(),
            idempotencyId is null ? "0" : "1",
            // Outlives the claim that guards it by a minute, so a claim never points at an expired result.
            (long)(_options.IdempotencyTtl + TimeSpan.FromMinutes(1)).TotalSeconds,
            alertEvent.At.ToUnixTimeMilliseconds(),
            _options.WaitReplicas > 0 ? "" : topology.IsCluster ? "SPUBLISH" : "PUBLISH",
            RedisLogEpochs.NewEpoch(),
            RelayTrace.Of(activity),
        ];
        if (alert.Status == AlertStatus.Retracted)
        {
            arguments.AddRange(await RedactEarlierEventsAsync(edition, alert.PublicView(), cancellationToken));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AppendScript.Source, scriptKeys, [.. arguments]))!;
        var outcome = (string)reply[0]! switch
        {
            "appended" => AppendOutcome.Appended,
            "replayed" => AppendOutcome.Replayed,
            _ => AppendOutcome.RevisionConflict,
        };
        if (outcome == AppendOutcome.RevisionConflict)
        {
            return new AppendResult(outcome, default);
        }

        if (outcome == AppendOutcome.Appended)
        {
            metrics.IngestedEvent(edition, alertEvent.Type switch
            {
                AlertEventType.Published => "published",
                AlertEventType.Corrected => "corrected",
                _ => "retracted",
            });
        }

        return await ConfirmedAsync(edition, outcome, (string)reply[1]!, activity, cancellationToken);
    }

    public async Task<AppendResult?> ReplayAsync(string edition, string idempotencyId, CancellationToken cancellationToken)
    {
        var first = await redis.GetDatabase().StringGetAsync(keys.IdempotentEvent(edition, idempotencyId)).WaitAsync(cancellationToken);
        return first.HasValue ? await ConfirmedAsync(edition, AppendOutcome.Replayed, (string)first!, Activity.Current, cancellationToken) : null;
    }

    /// <summary>
    /// With <c>WaitReplicas</c>, answers only once the replicas have the event, and only then makes it readable (the
    /// confirmed seq) and publishes it: no reader or relay ever shows what a failover can still lose. Also on a replay: the first attempt may have failed its WAIT and
    /// published nothing. A relay drops what it already has, and catches up from the log if this never arrives.
    /// </summary>
    private async Task<AppendResult> ConfirmedAsync(string edition, AppendOutcome outcome, string json, Activity? activity, CancellationToken cancellationToken)
    {
        var seq = SeqOf(json);
        activity?.SetTag(AlertsTracing.Seq, seq);
        if (_options.WaitReplicas > 0)
        {
            await replicaWait.EnsureAsync(keys.Seq(edition), cancellationToken);
            await RaiseConfirmedAsync(edition, seq, cancellationToken);
            await redis.GetDatabase().PublishAsync(keys.Events(edition), RelayTrace.Of(activity) + json, CommandFlags.FireAndForget);
        }

        return new AppendResult(outcome, new StoredEvent(seq, json));
    }

    /// <summary>
    /// The alert's earlier events, newest first back to its publication, each as (seq, JSON with
    /// the alert replaced by <paramref name="publicView"/>). Read before the append script runs: a
    /// change in between fails the script's revision check and the caller retries with a fresh
    /// read; an event retention drops in between is skipped by the script.
    /// </summary>
    private async Task<List<RedisValue>> RedactEarlierEventsAsync(string edition, Alert publicView, CancellationToken cancellationToken)
    {
        const int page = 500;
        var database = redis.GetDatabase();
        var idMember = $"\"id\":\"{publicView.Id}\"";
        var redacted = new List<RedisValue>();
        var seen = new HashSet<long>();
        for (long skip = 0; ; skip += page)
        {
            var entries = await database.SortedSetRangeByRankWithScoresAsync(keys.Log(edition), skip, skip + page - 1, Order.Descending).WaitAsync(cancellationToken);
            if (entries.Length == 0)
            {
                return redacted;
            }

            foreach (var entry in entries)
            {
                var json = (string)entry.Element!;
                // Ids are ULIDs and JSON escapes quotes inside strings, so only an alert's own id matches.
                if (!json.Contains(idMember, StringComparison.Ordinal) || JsonNode.Parse(json) is not JsonObject storedEvent
                    || (string?)storedEvent["alert"]?["id"] != publicView.Id || !seen.Add((long)entry.Score))
                {
                    continue;
                }

                storedEvent["alert"] = JsonSerializer.SerializeToNode(publicView, AlertsJson.Options);
                redacted.Add((long)entry.Score);
                redacted.Add(storedEvent.ToJsonString(AlertsJson.Options));
                if ((string?)storedEvent["type"] == "published")
                {
                    return redacted;
                }
            }
        }
    }

    public async Task<AlertRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        // The state and its revision must be read at one moment: an append landing between two plain
        // reads would pair the old state with the new revision, and a change made to that old state
        // would then pass the append's revision check and overwrite the newer one. One transaction
        // per edition, whose keys share a hash slot.
        var lookups = taxonomy.Editions.Keys
            .Select(edition =>
            {
                var transaction = database.CreateTransaction();
                var lookup = (Alert: transaction.HashGetAsync(keys.Alerts(edition), id), Revision: transaction.HashGetAsync(keys.Revisions(edition), id));
                return (lookup.Alert, lookup.Revision, Executed: transaction.ExecuteAsync());
            })
            .ToList();
        await Task.WhenAll(lookups.Select(l => l.Executed)).WaitAsync(cancellationToken);
        await Task.WhenAll(lookups.SelectMany(l => new[] { l.Alert, l.Revision })).WaitAsync(cancellationToken);
        foreach (var (alert, revision, _) in lookups)
        {
            if (alert.Result.HasValue)
            {
                return new AlertRecord(JsonSerializer.Deserialize<Alert>((string)alert.Result!, AlertsJson.Options)!, (int)revision.Result);
            }
        }

        return null;
    }

    public async Task<EventPage> ReadAsync(string edition, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var confirmed = _options.WaitReplicas > 0 ? database.StringGetAsync(keys.Confirmed(edition)) : null;
        var latest = database.StringGetAsync(keys.Seq(edition));
        var oldest = database.SortedSetRangeByRankWithScoresAsync(keys.Log(edition), 0, 0);
        var events = database.SortedSetRangeByScoreWithScoresAsync(
            keys.Log(edition), afterSeq, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, limit);
        await Task.WhenAll(latest, oldest, events, confirmed ?? Task.FromResult(RedisValue.Null)).WaitAsync(cancellationToken);

        var page = events.Result.Select(e => new StoredEvent((long)e.Score, (string)e.Element!)).ToList();
        // The three reads are pipelined, not atomic: a concurrent append may show in the page but not yet in the counter.
        var latestSeq = Math.Max((long)latest.Result, page.Count > 0 ? page[^1].Seq : 0);
        var oldestSeq = oldest.Result.Length > 0 ? (long)oldest.Result[0].Score : 0;
        if (confirmed is not null)
        {
            // Read before the page: whatever it confirms is in the page, and nothing past it is shown.
            latestSeq = await VisibleUpToAsync(edition, latestSeq, (long)confirmed.Result, cancellationToken);
            page = page.Where(e => e.Seq <= latestSeq).ToList();
        }

        return new EventPage(page, latestSeq, oldestSeq);
    }

    public async Task<IReadOnlyList<Alert>> ReadTickerAsync(string edition, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var snapshot = (RedisResult[])(await redis.GetDatabase()
            .ScriptEvaluateAsync(ConfirmScripts.TickerSnapshot, [keys.Seq(edition), keys.Ticker(edition), keys.Alerts(edition)], [now.ToUnixTimeMilliseconds()])
            .WaitAsync(cancellationToken))!;
        var lines = snapshot.Skip(1).Select(state => JsonSerializer.Deserialize<Alert>((string)state!, AlertsJson.Options)!).ToList();
        if (_options.WaitReplicas > 0)
        {
            lines = await ConfirmedLinesAsync(edition, (long)snapshot[0], lines, now, cancellationToken);
        }

        return lines
            .Where(a => a.IsOnTicker(now))
            .OrderByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// The ticker as the replicas have it. The states are the newest, appends the replicas may not have included
    /// (a post answered 503, a failover under way): each line an unconfirmed event touched is shown as its last
    /// confirmed event has it, or not at all, so a snapshot (<c>/ticker</c>, a hub's reset) never shows what a
    /// failover can still lose.
    /// </summary>
    private async Task<List<Alert>> ConfirmedLinesAsync(string edition, long snapshotSeq, List<Alert> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var confirmed = (long)await database.StringGetAsync(keys.Confirmed(edition)).WaitAsync(cancellationToken);
        var visible = await VisibleUpToAsync(edition, snapshotSeq, confirmed, cancellationToken);
        if (visible >= snapshotSeq)
        {
            return lines;
        }

        var unconfirmed = await database.SortedSetRangeByScoreAsync(keys.Log(edition), visible, snapshotSeq, Exclude.Start).WaitAsync(cancellationToken);
        var touched = unconfirmed.Select(e => AlertOf((string)e!).Id).ToHashSet(StringComparer.Ordinal);
        var shown = lines.Where(a => !touched.Contains(a.Id)).ToList();
        const int page = 500;
        for (long skip = 0; touched.Count > 0; skip += page)
        {
            var earlier = await database.SortedSetRangeByScoreAsync(keys.Log(edition), double.NegativeInfinity, visible, Exclude.None, Order.Descending, skip, page)
                .WaitAsync(cancellationToken);
            if (earlier.Length == 0)
            {
                break;
            }

            foreach (var storedEvent in earlier)
            {
                var alert = AlertOf((string)storedEvent!);
                if (touched.Remove(alert.Id) && alert.IsOnTicker(now))
                {
                    shown.Add(alert);
                }
            }
        }

        return shown;
    }

    private static Alert AlertOf(string eventJson) => JsonSerializer.Deserialize<AlertEvent>(eventJson, AlertsJson.Options)!.Alert;

    public async Task<IReadOnlyDictionary<string, long>> ReadLatestSeqsAsync(CancellationToken cancellationToken)
    {
        // One GET per edition, pipelined: an MGET would cross hash slots on a Redis Cluster.
        var editions = taxonomy.Editions.Keys.ToArray();
        var latest = await Task.WhenAll(editions.Select(e => ReadLatestSeqAsync(e, cancellationToken)));
        return editions.Zip(latest).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    public async Task<long> ReadLatestSeqAsync(string edition, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var latest = (long)await database.StringGetAsync(keys.Seq(edition)).WaitAsync(cancellationToken);
        if (_options.WaitReplicas == 0)
        {
            return latest;
        }

        var confirmed = (long)await database.StringGetAsync(keys.Confirmed(edition)).WaitAsync(cancellationToken);
        return await VisibleUpToAsync(edition, latest, confirmed, cancellationToken);
    }

    /// <summary>
    /// How far readers may see an edition's log: up to <paramref name="latest"/> once the replicas have it. When the
    /// confirmed seq lags (an append between its write and its WAIT, a node that died in between, a failover that kept
    /// the events but lost the confirmation), confirms the log up to now itself; while the replicas do not answer,
    /// readers see what was confirmed before.
    /// </summary>
    private async Task<long> VisibleUpToAsync(string edition, long latest, long confirmed, CancellationToken cancellationToken)
    {
        if (confirmed >= latest)
        {
            return latest;
        }

        try
        {
            var marked = (long)await redis.GetDatabase().ScriptEvaluateAsync(ConfirmScripts.MarkLatest, [keys.Seq(edition), keys.ConfirmMark(edition)])
                .WaitAsync(cancellationToken);
            await replicaWait.EnsureAsync(keys.Seq(edition), cancellationToken);
            await RaiseConfirmedAsync(edition, marked, cancellationToken);
            return Math.Min(latest, Math.Max(marked, confirmed));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ReplicasNotReachedException)
        {
            return confirmed;
        }
    }

    private async Task RaiseConfirmedAsync(string edition, long seq, CancellationToken cancellationToken) =>
        await redis.GetDatabase().ScriptEvaluateAsync(ConfirmScripts.Confirm, [keys.Confirmed(edition)], [seq]).WaitAsync(cancellationToken);

    /// <summary>Reads the seq out of <c>{"seq":N,…</c> without parsing the whole event.</summary>
    internal static long SeqOf(string eventJson)
    {
        var start = "{\"seq\":".Length;
        var end = eventJson.IndexOf(',', start);
        return long.Parse(eventJson.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
