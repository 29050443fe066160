using System.Security.Cryptography;
using System.Text;
using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Ingest;

/// <summary>
/// Tells first uses of an <c>Idempotency-Key</c> from retries, concurrent duplicates and reuses with
/// another body. The claim only guards; the log's append script, which stores the first event
/// atomically with the append, is what makes a retry return the first response even if this node
/// died between appending and marking the claim complete.
/// </summary>
internal sealed class IdempotencyGate(IConnectionMultiplexer redis, RedisKeys keys, IOptions<RedisOptions> options)
{
    /// <summary>How long a claim stays "in flight" if its request never finishes (a crashed node).</summary>
    private static readonly TimeSpan InFlightLease = TimeSpan.FromSeconds(30);

    private const string Pending = "pending:";
    private const string Done = "done:";

    /// <summary>The id under which the log keeps the first result: scoped to the author, so keys of two editors never meet.</summary>
    public static string IdOf(string author, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{author}\n{key}")));

    public static bool IsWellFormed(string key) => key.Length is >= 1 and <= 255 && key.All(c => c is >= '!' and <= '~');

    public async Task<IdempotencyClaim> ClaimAsync(string id, byte[] body, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var database = redis.GetDatabase();
        var claimKey = keys.IdempotencyClaim(id);
        if (await database.StringSetAsync(claimKey, Pending + hash, InFlightLease, When.NotExists).WaitAsync(cancellationToken))
        {
            return IdempotencyClaim.Claimed;
        }

        var current = (string?)await database.StringGetAsync(claimKey).WaitAsync(cancellationToken);
        return current switch
        {
            // The lease ran out between the two calls: claim again.
            null => await ClaimAsync(id, body, cancellationToken),
            _ when !current.EndsWith(hash, StringComparison.Ordinal) => IdempotencyClaim.Mismatch,
            _ when current.StartsWith(Pending, StringComparison.Ordinal) => IdempotencyClaim.InFlight,
            _ => IdempotencyClaim.Completed,
        };
    }

    public async Task CompleteAsync(string id, byte[] body, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        await redis.GetDatabase().StringSetAsync(keys.IdempotencyClaim(id), Done + hash, options.Value.IdempotencyTtl)
            .WaitAsync(cancellationToken);
    }

    /// <summary>Frees the key after a failed attempt, so the client's retry is not told it is in flight.</summary>
    public async Task ReleaseAsync(string id) =>
        await redis.GetDatabase().KeyDeleteAsync(keys.IdempotencyClaim(id), CommandFlags.FireAndForget);
}
