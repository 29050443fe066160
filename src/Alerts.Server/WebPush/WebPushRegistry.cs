using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Alerts.Server.Push;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.WebPush;

/// <summary>
/// Browsers registered for Web Push: one hash of registrations and per edition a lexically ordered set of ids,
/// walked page by page from a cursor id like the phones' registry. A registration lapses
/// <see cref="PushOptions.RegistrationTtl"/> after it was last made; a lapsed one is skipped and forgotten.
/// </summary>
internal sealed class WebPushRegistry(IConnectionMultiplexer redis, WebPushKeys keys, IOptions<PushOptions> push, RegistrationCap cap)
{
    private static readonly string RegisterScript = EmbeddedScript.Load("webpush/subscription-register.lua");

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Stores the subscription, unless the store is at its <see cref="RegistrationCap"/> and the subscription new; returns whether it stored it.</summary>
    public async Task<bool> RegisterAsync(WebPushDevice device, CancellationToken cancellationToken)
    {
        var id = device.Registration.Token;
        var previous = await FindAsync(id, cancellationToken);
        var index = keys.Index(device.Registration.Edition);
        var previousIndex = previous is null ? index : keys.Index(previous.Registration.Edition);
        var reply = (RedisResult[])(await Database.ScriptEvaluateAsync(
            RegisterScript, cap.ForBrowsers([keys.Records, index, previousIndex]), [id, JsonSerializer.Serialize(device, AlertsJson.Options), cap.Limit])
            .WaitAsync(cancellationToken))!;
        var outcome = (string)reply[0]!;
        if (outcome == "added")
        {
            cap.Note((long)reply[1]);
        }

        return outcome != "full";
    }

    /// <summary>Forgets the subscription; false when it was not registered.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } device)
        {
            return false;
        }

        var transaction = Database.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(keys.Index(device.Registration.Edition), id);
        _ = transaction.HashDeleteAsync(keys.Records, id);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        return true;
    }

    public async Task<WebPushDevice?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var json = await Database.HashGetAsync(keys.Records, id).WaitAsync(cancellationToken);
        return json.IsNull ? null : JsonSerializer.Deserialize<WebPushDevice>((string)json!, AlertsJson.Options);
    }

    /// <summary>The subscriptions of <paramref name="ids"/> still registered.</summary>
    public async Task<IReadOnlyList<WebPushDevice>> FindManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var records = await Database.HashGetAsync(keys.Records, [.. ids.Select(id => (RedisValue)id)]).WaitAsync(cancellationToken);
        return Read(records);
    }

    public bool HasLapsed(WebPushDevice device, DateTimeOffset now) => device.Registration.RegisteredAt + push.Value.RegistrationTtl <= now;

    /// <summary>Up to <paramref name="count"/> subscriptions of the edition after <paramref name="afterId"/>; the last id read, null at the end.</summary>
    public Task<(IReadOnlyList<WebPushDevice> Devices, string? LastId)> PageAsync(string edition, string afterId, int count, CancellationToken cancellationToken) =>
        PageOfAsync(keys.Index(edition), afterId, count, cancellationToken);

    /// <summary>Like <see cref="PageAsync"/>, over the subscriptions the alert was shown on.</summary>
    public Task<(IReadOnlyList<WebPushDevice> Devices, string? LastId)> ShownPageAsync(string alertId, string afterId, int count, CancellationToken cancellationToken) =>
        PageOfAsync(keys.Shown(alertId), afterId, count, cancellationToken);

    /// <summary>Notes the subscriptions the alert was shown on, kept until the alert expires, for its retraction.</summary>
    public async Task MarkShownAsync(string alertId, IReadOnlyList<string> ids, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var batch = Database.CreateBatch();
        var add = batch.SortedSetAddAsync(keys.Shown(alertId), ids.Select(id => new SortedSetEntry(id, 0)).ToArray());
        var expire = batch.KeyExpireAsync(keys.Shown(alertId), until.UtcDateTime);
        batch.Execute();
        await Task.WhenAll(add, expire).WaitAsync(cancellationToken);
    }

    private async Task<(IReadOnlyList<WebPushDevice> Devices, string? LastId)> PageOfAsync(RedisKey index, string afterId, int count, CancellationToken cancellationToken)
    {
        var ids = await Database.SortedSetRangeByValueAsync(
            index, afterId.Length == 0 ? default : afterId, default,
            exclude: afterId.Length == 0 ? Exclude.None : Exclude.Start, order: Order.Ascending, skip: 0, take: count)
            .WaitAsync(cancellationToken);
        if (ids.Length == 0)
        {
            return ([], null);
        }

        var records = await Database.HashGetAsync(keys.Records, ids).WaitAsync(cancellationToken);
        return (Read(records), (string)ids[^1]!);
    }

    private static List<WebPushDevice> Read(RedisValue[] records) =>
        [.. records.Where(r => r.HasValue).Select(r => JsonSerializer.Deserialize<WebPushDevice>((string)r!, AlertsJson.Options)!)];
}
