using Alerts.Core.Alerts;
using Alerts.Server.Push;
using Alerts.Server.Push.Targets;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Judgement;

/// <summary>
/// Counts from the device registry: in devices mode the registrations that want the alert (edition,
/// urgency, a shared section or region) as the dispatcher would pick them, from the registry's
/// per-profile counts; in topics mode, page by page over the edition's index, the registrations
/// whose mirrored topics include one the alert is sent to. Every use of the push registry's types is in this one class.
/// </summary>
internal sealed class RegistryDeviceAudience(DeviceRegistry registry, IOptions<PushOptions> options) : IDeviceAudience
{
    private const int PageSize = 1000;

    public string Mode => options.Value.Mode == PushMode.Devices ? "devices" : "topics";

    public async Task<long> CountAsync(Alert probe, CancellationToken cancellationToken)
    {
        if (options.Value.Mode == PushMode.Devices)
        {
            return await registry.CountWantingFromProfilesAsync(probe, cancellationToken);
        }

        var reached = TopicsReached(probe);
        long count = 0;
        var cursor = "";
        while (true)
        {
            var (devices, lastToken, scanned) = await registry.PageAsync(probe.Edition, cursor, PageSize, cancellationToken);
            count += devices.Count(reached);
            if (lastToken is null || scanned < PageSize)
            {
                return count;
            }

            cursor = lastToken;
        }
    }

    private static Func<DeviceRegistration, bool> TopicsReached(Alert probe)
    {
        var topics = PushTopics.For(probe).ToHashSet(StringComparer.Ordinal);
        return device => device.Topics().Any(topics.Contains);
    }
}
