using System.Threading.RateLimiting;

namespace Alerts.Server.Push;

/// <summary>A lease that holds nothing back: the permits were counted when it was granted.</summary>
internal sealed class GrantedLease(bool isAcquired) : RateLimitLease
{
    public static readonly GrantedLease Acquired = new(true);
    public static readonly GrantedLease Denied = new(false);

    public override bool IsAcquired { get; } = isAcquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
