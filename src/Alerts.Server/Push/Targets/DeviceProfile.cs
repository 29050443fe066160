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

    /// <summary>Whether every device of this profile wants <paramref name="alert"/>.</summary>
    public bool Wants(Alert alert) => Selects(alert, Edition, MinUrgency, Sections, Regions);

    /// <summary>
    /// The one targeting rule, for a registration and for a profile alike: the edition, at least the minimum
    /// urgency, and a shared section or region unless the device chose none (the whole edition).
    /// </summary>
    public static bool Selects(Alert alert, string edition, Urgency minUrgency, IReadOnlyList<string> sections, IReadOnlyList<string> regions) =>
        alert.Edition == edition
        && alert.Urgency >= minUrgency
        && ((sections.Count == 0 && regions.Count == 0) || alert.Sections.Intersect(sections).Any() || alert.Regions.Intersect(regions).Any());

    private static string[] Split(string list) => list.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries);
}
