using System.Net;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.ForwardedHeaders;

/// <summary>An address or network that does not parse fails the start, naming the setting.</summary>
internal sealed class ForwardedHeadersRules : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var errors = options.KnownProxies.Select((p, i) => (p, i)).Where(x => !IPAddress.TryParse(x.p, out _))
            .Select(x => $"Alerts:ForwardedHeaders:KnownProxies:{x.i} '{x.p}' is not an IP address.")
            .Concat(options.KnownNetworks.Select((n, i) => (n, i)).Where(x => !IPNetwork.TryParse(x.n, out _))
                .Select(x => $"Alerts:ForwardedHeaders:KnownNetworks:{x.i} '{x.n}' is not a network in CIDR notation (such as 10.0.0.0/8)."))
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
