using Alerts.Core.Alerts;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// What a registration wants, without its token: edition, minimum urgency, sections and regions. Readers
/// choose from a short taxonomy, so a million registrations fall into few profiles, and counting who an
/// alert reaches is a walk over profile counts instead of over devices.
/// </summary>
internal sealed record DeviceProfile(string Edition, Urgency MinUrgency, IReadOnlyList<string> Sections, IReadOnlyList<string> Regions)
{
    // Taxonomy keys never hold these, so the stored field splits back unambiguously.
    private const char FieldSeparator = '|';
    private const char ListSeparator = ',';

    public static DeviceProfile Of(DeviceRegistration device) =>
        new(device.Edition, device.MinUrgency, [.. device.Sections.Order(StringComparer.Ordinal)], [.. device.Regions.Order(StringComparer.Ordinal)]);

    /// <summary>The hash field counting this profile.</summary>
    public string Field => string.Join(FieldSeparator, Edition, MinUrgency.ToString(), string.Join(ListSeparator, Sections), string.Join(ListSeparator, Regions));

    public static DeviceProfile? Parse(string field)
    {
        var parts = field.Split(FieldSeparator);
        return parts.Length == 4 && Enum.TryParse<Urgency>(parts[1], out var minUrgency)
            ? new DeviceProfile(parts[0], minUrgency, Split(parts[2]), Split(parts[3]))
            : null;
    }

    /// <summary>The same rule as <see cref="DeviceRegistration.Wants"/>, for every device of this profile at once.</summary>
    public bool Wants(Alert alert) =>
        alert.Edition == Edition
        && alert.Urgency >= MinUrgency
        && ((Sections.Count == 0 && Regions.Count == 0) || alert.Sections.Intersect(Sections).Any() || alert.Regions.Intersect(Regions).Any());

    private static string[] Split(string list) => list.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries);
}
