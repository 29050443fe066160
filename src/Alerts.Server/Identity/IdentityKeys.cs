using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Identity;

/// <summary>
/// The Redis keys of people and managed API keys. They share one hash tag <c>{prefix:identity}</c>, so a key's
/// record and its secret index change in one transaction, also on Redis Cluster.
/// </summary>
internal sealed class IdentityKeys(IOptions<RedisOptions> options)
{
    private readonly string _tag = $"{{{options.Value.KeyPrefix}:identity}}";

    /// <summary>Hash: key name → its <see cref="ManagedKey"/> JSON.</summary>
    public RedisKey ManagedKeys => $"{_tag}:keys";

    /// <summary>Hash: SHA-256 (hex) of a secret → the name of the key it opens; the record decides whether it still does.</summary>
    public RedisKey Secrets => $"{_tag}:secrets";

    /// <summary>Hash: key name (managed or configured) → when it was last used, Unix ms.</summary>
    public RedisKey LastUsed => $"{_tag}:used";

    /// <summary>Hash: a person's <c>sub</c> → their <see cref="Person"/> JSON as of their last sign-in.</summary>
    public RedisKey People => $"{_tag}:people";

    /// <summary>The prefix of the data protection key ring, which every node reads so that each reads every cookie.</summary>
    public RedisKey DataProtection => $"{_tag}:data-protection";
}
