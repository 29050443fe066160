using System.Security.Cryptography;
using System.Text;
using Alerts.Server.EventLog;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Tells first uses of an <c>Idempotency-Key</c> from retries, concurrent duplicates and reuses with
/// another body. The claim only guards; the log's append script, which stores the first event
/// atomically with the append, is what makes a retry return the first response even if this node
/// died between appending and marking the claim complete.
/// </summary>
internal sealed class IdempotencyGate(IConnectionMultiplexer redis, RedisKeys keys, IOptions<RedisOptions> options, TimeProvider time)
{
    private const string Pending = "pending:";
    private const string Done = "done:";

    /// <summary><c>SettleIdempotencyClaim.lua</c>: frees or completes a claim only while it is still pending for this body.</summary>
    private static readonly string SettleScript = EmbeddedScript.Load("newsroom/SettleIdempotencyClaim.lua");

    /// <summary>
    /// How long a claim stays "in flight" if its request never finishes (a crashed node): as long as the
    /// request's own Redis calls may take, so a key is never held much past the request that held it.
    /// </summary>
    private TimeSpan InFlightLease => options.Value.OperationTimeout * 3 + options.Value.WaitTimeout;

    /// <summary>
    /// How long a duplicate waits for the request holding the key to finish before it is told "in
    /// flight": as long as the claim can live. After a failover the first attempt's release may have
    /// reached a server that is no longer the primary, and only the claim's expiry frees the key.
    /// </summary>
    private TimeSpan InFlightPatience => InFlightLease;

    /// <summary>The id under which the log keeps the first result: scoped to the author, so keys of two editors never meet.</summary>
    public static string IdOf(string author, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{author}\n{key}")));

    public static bool IsWellFormed(string key) => key.Length is >= 1 and <= 255 && key.All(c => c is >= '!' and <= '~');

    public static string BodyHash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    public async Task<IdempotencyClaim> ClaimAsync(string id, byte[] body, CancellationToken cancellationToken)
    {
        var hash = BodyHash(body);
        var database = redis.GetDatabase();
        var claimKey = keys.IdempotencyClaim(id);
        var patience = time.GetUtcNow() + InFlightPatience;
        while (true)
        {
            if (await database.StringSetAsync(claimKey, Pending + hash, InFlightLease, When.NotExists).WaitAsync(cancellationToken))
            {
                return IdempotencyClaim.Claimed;
            }

            var current = (string?)await database.StringGetAsync(claimKey).WaitAsync(cancellationToken);
            var claim = current switch
            {
                // Released or expired between the two calls: claim again.
                null => (IdempotencyClaim?)null,
                _ when !current.EndsWith(hash, StringComparison.Ordinal) => IdempotencyClaim.Mismatch,
                _ when current.StartsWith(Pending, StringComparison.Ordinal) => IdempotencyClaim.InFlight,
                _ => IdempotencyClaim.Completed,
            };
            if (claim is { } known && (known != IdempotencyClaim.InFlight || time.GetUtcNow() >= patience))
            {
                return known;
            }

            // Most "in flight" keys are a retry racing the first attempt's end: wait a moment for it.
            await Task.Delay(claim is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public async Task CompleteAsync(string id, byte[] body, CancellationToken cancellationToken)
    {
        var hash = BodyHash(body);
        await redis.GetDatabase().StringSetAsync(keys.IdempotencyClaim(id), Done + hash, options.Value.IdempotencyTtl)
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a claim whose request failed. One that may have stored its result (the store was sent) keeps
    /// the key, marked done, so the retry is replayed from what was stored and another body is refused;
    /// one that stored nothing frees it, so the client's retry is not told it is in flight. During a
    /// failover the first tries may reach no primary, or one being demoted; it keeps trying until it
    /// lands or the claim's lease would have freed the key anyway.
    /// </summary>
    public async Task SettleAsync(string id, byte[] body, bool mayBeStored)
    {
        var hash = BodyHash(body);
        RedisValue[] arguments = [Pending + hash, mayBeStored ? Done + hash : "", (long)options.Value.IdempotencyTtl.TotalSeconds];
        var giveUp = time.GetUtcNow() + InFlightLease;
        while (true)
        {
            try
            {
                await redis.GetDatabase().ScriptEvaluateAsync(SettleScript, [keys.IdempotencyClaim(id)], arguments);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException && time.GetUtcNow() < giveUp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
