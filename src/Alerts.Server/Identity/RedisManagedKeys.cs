using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Core.Serialization;
using StackExchange.Redis;

namespace Alerts.Server.Identity;

/// <summary>
/// The API keys admins manage in the app, in Redis. A node remembers a key it found for at most
/// <see cref="CacheFor"/>, so a revocation or rotation reaches every node within that time without a message
/// that a reconnecting subscriber could miss; expiry is checked on every request.
/// </summary>
internal sealed class RedisManagedKeys(IConnectionMultiplexer redis, IdentityKeys keys, TimeProvider time)
{
    /// <summary>How long a node trusts what it read; the contract allows one second for a revocation.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(500);

    /// <summary>A key's last use is written at most this often per node, so a busy script costs no write per request.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromSeconds(1);

    private const int ConcurrentChangeAttempts = 5;

    private readonly ConcurrentDictionary<string, (ManagedKey Key, DateTimeOffset ReadAt)> _found = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    /// <summary>Stores a new key; false when one of that name exists.</summary>
    public async Task<bool> CreateAsync(ManagedKey key, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(keys.ManagedKeys, key.Name));
        _ = transaction.HashSetAsync(keys.ManagedKeys, key.Name, Serialize(key));
        _ = transaction.HashSetAsync(keys.Secrets, key.Sha256, key.Name);
        return await transaction.ExecuteAsync().WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ManagedKey>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.ManagedKeys).WaitAsync(cancellationToken);
        return entries.Select(e => Deserialize(e.Value!)).OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>When each key (managed or configured) was last used, by name.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastUsedAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.LastUsed).WaitAsync(cancellationToken);
        return entries.ToDictionary(e => (string)e.Name!, e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Gives the key a new secret (its hash <paramref name="sha256"/>); the current one keeps working until
    /// <paramref name="previousUntil"/>, and the one before it stops now. Null when there is no such key.
    /// </summary>
    public Task<ManagedKey?> RotateAsync(string name, string sha256, DateTimeOffset previousUntil, CancellationToken cancellationToken) =>
        ChangeAsync(name, (transaction, key) =>
        {
            if (key.PreviousSha256 is { } older)
            {
                _ = transaction.HashDeleteAsync(keys.Secrets, older);
            }

            var rotated = key with { Sha256 = sha256, PreviousSha256 = key.Sha256, PreviousUntil = previousUntil };
            _ = transaction.HashSetAsync(keys.ManagedKeys, name, Serialize(rotated));
            _ = transaction.HashSetAsync(keys.Secrets, sha256, name);
            return rotated;
        }, cancellationToken);

    /// <summary>Deletes the key and its secrets; null when there is no such key.</summary>
    public Task<ManagedKey?> RevokeAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(name, (transaction, key) =>
        {
            _ = transaction.HashDeleteAsync(keys.ManagedKeys, name);
            _ = transaction.HashDeleteAsync(keys.Secrets, key.PreviousSha256 is { } previous ? [key.Sha256, previous] : [key.Sha256]);
            _ = transaction.HashDeleteAsync(keys.LastUsed, name);
            return key;
        }, cancellationToken);

    /// <summary>The key a presented secret (by its hash) opens now, or null.</summary>
    public async Task<ManagedKey?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_found.TryGetValue(sha256, out var found) || now - found.ReadAt >= CacheFor)
        {
            var database = redis.GetDatabase();
            var name = await database.HashGetAsync(keys.Secrets, sha256).WaitAsync(cancellationToken);
            var json = name.IsNull ? RedisValue.Null : await database.HashGetAsync(keys.ManagedKeys, (string)name!).WaitAsync(cancellationToken);
            if (json.IsNull)
            {
                _found.TryRemove(sha256, out _);
                return null;
            }

            found = (Deserialize(json!), now);
            _found[sha256] = found;
        }

        return found.Key.Opens(sha256, now) ? found.Key : null;
    }

    /// <summary>Notes that the key named <paramref name="name"/> was used, without waiting for Redis.</summary>
    public void Touch(string name)
    {
        var now = time.GetUtcNow();
        if (_touched.TryGetValue(name, out var last) && now - last < TouchEvery)
        {
            return;
        }

        _touched[name] = now;
        _ = redis.GetDatabase().HashSetAsync(keys.LastUsed, name, now.ToUnixTimeMilliseconds(), flags: CommandFlags.FireAndForget);
    }

    // Read, then write on condition that nobody changed the record meanwhile; a concurrent change is read again.
    private async Task<ManagedKey?> ChangeAsync(string name, Func<ITransaction, ManagedKey, ManagedKey> change, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        for (var attempt = 1; ; attempt++)
        {
            var json = await database.HashGetAsync(keys.ManagedKeys, name).WaitAsync(cancellationToken);
            if (json.IsNull)
            {
                return null;
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.HashEqual(keys.ManagedKeys, name, json));
            var changed = change(transaction, Deserialize(json!));
            if (await transaction.ExecuteAsync().WaitAsync(cancellationToken))
            {
                return changed;
            }

            if (attempt == ConcurrentChangeAttempts)
            {
                throw new InvalidOperationException($"The key '{name}' kept changing while it was being changed; try again.");
            }
        }
    }

    private static string Serialize(ManagedKey key) => JsonSerializer.Serialize(key, AlertsJson.Options);

    private static ManagedKey Deserialize(string json) => JsonSerializer.Deserialize<ManagedKey>(json, AlertsJson.Options)!;
}
