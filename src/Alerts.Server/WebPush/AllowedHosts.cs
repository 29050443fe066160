namespace Alerts.Server.WebPush;

/// <summary>The push services a subscription's endpoint may name, as <see cref="WebPushOptions.AllowedHosts"/> lists them.</summary>
internal sealed class AllowedHosts(IEnumerable<string> patterns)
{
    private readonly string[] _exact = patterns.Where(p => !p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p.ToLowerInvariant()).ToArray();
    private readonly string[] _suffixes = patterns.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..].ToLowerInvariant()).ToArray();

    public static bool IsPattern(string pattern) =>
        Uri.CheckHostName(pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    /// <summary>Whether <paramref name="host"/> (as <see cref="Uri.IdnHost"/> gives it) is listed, exactly or under a listed domain.</summary>
    public bool Allows(string host)
    {
        var lower = host.ToLowerInvariant();
        return _exact.Contains(lower, StringComparer.Ordinal) || _suffixes.Any(s => lower.EndsWith(s, StringComparison.Ordinal) && lower.Length > s.Length);
    }
}
