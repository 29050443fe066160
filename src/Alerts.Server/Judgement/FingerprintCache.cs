using Alerts.Core.Duplicates;
using Microsoft.Extensions.Caching.Memory;

namespace Alerts.Server.Judgement;

/// <summary>
/// Fingerprints by headline text, so each window line is folded once per node rather than on
/// every POST: scanning 1,000 fingerprinted lines takes tens of microseconds, fingerprinting them
/// milliseconds (docs/benchmarks.md).
/// </summary>
internal sealed class FingerprintCache : IDisposable
{
    private const int Capacity = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public HeadlineFingerprint Of(string headline) =>
        _cache.GetOrCreate(headline, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return HeadlineFingerprint.Of(headline);
        })!;

    public void Dispose() => _cache.Dispose();
}
