using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Judgement;

/// <summary>The Redis keys of the judgement features, under the configured prefix.</summary>
internal sealed class JudgementKeys(IOptions<RedisOptions> options)
{
    /// <summary>
    /// Hash: <c>{node}\n{edition}</c> → <c>{readers}:{expires, Unix ms}</c>. One small key that one
    /// HGETALL reads whole; a node that stops writing is ignored once its entries expire.
    /// </summary>
    public RedisKey Readers => $"{options.Value.KeyPrefix}:audience:readers";

    /// <summary>Set: ids of the alerts submitted with this story id (some may never have been published).</summary>
    public RedisKey Story(string storyId) => $"{options.Value.KeyPrefix}:story:{storyId}";
}
