using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.PublicAddress;

/// <summary>A public base URL is an absolute http(s) address without query or fragment: links are appended to it.</summary>
internal sealed class PublicAddressRules : IValidateOptions<PublicAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options) =>
        options.PublicBaseUrl is not { } url
        || (url.IsAbsoluteUri && url.Scheme is "http" or "https" && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Alerts:PublicBaseUrl '{url}' must be an absolute http or https URL without user, query or fragment, such as https://alerts.example.");
}
