using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.Limits;

/// <summary>Kestrel's own connection limits, from <see cref="LimitsOptions"/>: past them Kestrel refuses, before any of our code runs.</summary>
internal sealed class KestrelLimits(IOptions<LimitsOptions> limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxConcurrentConnections = limits.Value.MaxConnections;
        options.Limits.MaxConcurrentUpgradedConnections = limits.Value.MaxUpgradedConnections;
    }
}
