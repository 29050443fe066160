using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

/// <summary>Checks the Redis settings that depend on each other or on the deployment, at start rather than at the first write.</summary>
internal sealed class RedisRules(IConfiguration configuration) : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
        if (embedded && options.WaitReplicas > 0)
        {
            return ValidateOptionsResult.Fail("Alerts:Redis:WaitReplicas needs a replicated Redis (ConnectionStrings:Redis); the embedded Garnet has no replicas and no WAIT.");
        }

        // WAIT blocks the shared connection; it must give up before the operation timeout fails everything behind it.
        if (options.WaitReplicas > 0 && options.WaitTimeout >= options.OperationTimeout)
        {
            return ValidateOptionsResult.Fail("Alerts:Redis:WaitTimeout must be shorter than Alerts:Redis:OperationTimeout.");
        }

        return ValidateOptionsResult.Success;
    }
}
