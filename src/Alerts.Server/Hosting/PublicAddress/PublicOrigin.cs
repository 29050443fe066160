using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.PublicAddress;

/// <summary>
/// Where absolute links point: <see cref="PublicAddressOptions.PublicBaseUrl"/>, else the first
/// concrete <c>AllowedHosts</c> entry (which host filtering already holds every request to), else
/// nowhere (links stay relative). Never the request's <c>Host</c>: a cached answer would carry whatever
/// host the first client sent to every later reader.
/// </summary>
internal sealed class PublicOrigin(IOptions<PublicAddressOptions> options, IConfiguration configuration)
{
    private readonly string? _configured = options.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/');
    private readonly string? _allowedHost = FirstConcreteHost(configuration["AllowedHosts"]);

    /// <summary>The origin (and base path) to put before <c>/api/…</c>, or empty for relative links.</summary>
    public string Of(HttpRequest request) =>
        _configured ?? (_allowedHost is null ? "" : $"{request.Scheme}://{_allowedHost}{request.PathBase}");

    private static string? FirstConcreteHost(string? allowedHosts)
    {
        var first = allowedHosts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null || first.Contains('*', StringComparison.Ordinal) ? null : first;
    }
}
