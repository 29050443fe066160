using System.Threading.RateLimiting;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// Permission to send, from the deployment-wide rate limit. It holds nothing back when disposed: the
/// permits were counted in Redis when it was granted. (System.Threading.RateLimiting calls it a lease;
/// "lease" here means a node's hold on a push job.)
/// </summary>
internal sealed class SendPermit(bool isAcquired) : RateLimitLease
{
    public static readonly SendPermit Granted = new(true);
    public static readonly SendPermit Refused = new(false);

    public override bool IsAcquired { get; } = isAcquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
