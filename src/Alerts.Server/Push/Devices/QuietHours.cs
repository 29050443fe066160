namespace Alerts.Server.Push.Devices;

/// <summary>A daily window, in the device's time zone, during which non-flash pushes are held back; it may span midnight.</summary>
internal sealed record QuietHours(TimeOnly From, TimeOnly To, string TimeZone)
{
    public bool Covers(DateTimeOffset now)
    {
        if (From == To || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone))
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return From < To ? local >= From && local < To : local >= From || local < To;
    }
}
