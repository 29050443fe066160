using System.Security.Cryptography;
using Alerts.Core.Alerts;
using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.EventLog;

/// <summary>Each edition's epoch, one string key beside its log (<see cref="RedisKeys.Epoch"/>), moved on by <c>MoveEpoch.lua</c>.</summary>
internal sealed class RedisLogEpochs(IConnectionMultiplexer redis, RedisKeys keys) : ILogEpochs
{
    private static readonly string MoveScript = EmbeddedScript.Load("eventlog/MoveEpoch.lua");

    /// <summary>A fresh epoch: 8 random characters, short on the wire, never repeated in practice.</summary>
    public static string NewEpoch() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(6)).Replace('+', '-').Replace('/', '_');

    public async Task<string> ReadAsync(string edition, CancellationToken cancellationToken) =>
        (string?)await redis.GetDatabase().StringGetAsync(keys.Epoch(edition)).WaitAsync(cancellationToken) ?? "";

    public async Task<string> MoveOnAsync(string edition, string fromEpoch, CancellationToken cancellationToken)
    {
        var current = await redis.GetDatabase()
            .ScriptEvaluateAsync(MoveScript, [keys.Epoch(edition)], [fromEpoch, NewEpoch()])
            .WaitAsync(cancellationToken);
        return (string)current!;
    }
}
