namespace Alerts.Server.Push.Targets;

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

    /// <summary>When the quiet hours covering <paramref name="now"/> end.</summary>
    public DateTimeOffset EndAfter(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var end = local.Date + To.ToTimeSpan();
        if (end <= local.DateTime)
        {
            end = end.AddDays(1);
        }

        // A wall-clock time skipped by a daylight-saving change does not exist; the hour after it does.
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(30);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
