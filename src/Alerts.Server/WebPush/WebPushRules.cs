using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

/// <summary>What the attributes cannot say: the key pair is given whole and is a P-256 pair, and every allowed host is a host.</summary>
internal sealed class WebPushRules : IValidateOptions<WebPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WebPushOptions options)
    {
        var failures = new List<string>();
        if (options.PublicKey is null != options.PrivateKey is null)
        {
            failures.Add("Alerts:WebPush:PublicKey and :PrivateKey are set together, or neither (a pair is then generated and kept in Redis).");
        }
        else if (options.PublicKey is { } publicKey && VapidKeys.TryImport(publicKey, options.PrivateKey!) is null)
        {
            failures.Add("Alerts:WebPush:PublicKey and :PrivateKey must be a P-256 key pair, base64url: 65 bytes uncompressed public, 32 bytes private.");
        }

        foreach (var host in options.AllowedHosts.Where(h => !AllowedHosts.IsPattern(h)))
        {
            failures.Add($"Alerts:WebPush:AllowedHosts: '{host}' is not a host name, an IP address or '*.' and a domain.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
