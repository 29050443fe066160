using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

/// <summary>Rejects settings the embedded Garnet cannot honour, at start rather than at the first write.</summary>
internal sealed class EmbeddedRedisRules(IConfiguration configuration) : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
        return embedded && options.WaitReplicas > 0
            ? ValidateOptionsResult.Fail("Alerts:Redis:WaitReplicas needs a replicated Redis (ConnectionStrings:Redis); the embedded Garnet has no replicas and no WAIT.")
            : ValidateOptionsResult.Success;
    }
}
