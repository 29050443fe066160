using Alerts.Core.Alerts;

namespace Alerts.Server.Judgement;

/// <summary>
/// The registered devices an alert would reach. The seam between the judgement features and the
/// push device registry, so the registry can change how it stores and indexes devices behind it.
/// </summary>
internal interface IDeviceAudience
{
    /// <summary>How the count was made: <c>devices</c> (registrations that want the alert) or <c>topics</c> (registrations mirrored into its topics).</summary>
    string Mode { get; }

    Task<long> CountAsync(Alert probe, CancellationToken cancellationToken);
}
