using Alerts.Core.Alerts;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// A phone (or browser) registered for pushes, and what it wants. No sections and no regions means
/// the whole edition; otherwise an alert must share a section or a region with the device.
/// </summary>
internal sealed record DeviceRegistration(
    string Token, string Platform, string Edition, IReadOnlyList<string> Sections, IReadOnlyList<string> Regions,
    Urgency MinUrgency, QuietHours? QuietHours, DateTimeOffset RegisteredAt)
{
    public bool Wants(Alert alert) => DeviceProfile.Selects(alert, Edition, MinUrgency, Sections, Regions);

    /// <summary>The contract's topics this registration is mirrored into, for apps that switch to topics mode.</summary>
    public IReadOnlyList<string> Topics()
    {
        if (MinUrgency == Urgency.Flash)
        {
            return [PushTopics.Flash(Edition)];
        }

        return Sections.Count == 0 && Regions.Count == 0
            ? [PushTopics.Edition(Edition)]
            : [.. Sections.Select(s => PushTopics.Section(Edition, s)), .. Regions.Select(r => PushTopics.Region(Edition, r))];
    }
}
