using System.Globalization;

namespace Alerts.Server.Tests.Push;

/// <summary>Quiet hours in Madrid, as a device registration sends them, relative to now.</summary>
public static class QuietHoursFor
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    /// <summary>Quiet hours that cover now and end at the start of the next minute.</summary>
    public static object EndingNextMinute(out DateTimeOffset wakesAt)
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid);
        var next = now.AddMinutes(1);
        wakesAt = new DateTimeOffset(next.Year, next.Month, next.Day, next.Hour, next.Minute, 0, next.Offset);
        return new { from = Time(now.AddHours(-2)), to = Time(next), timeZone = "Europe/Madrid" };
    }

    /// <summary>Quiet hours that cover now and last another hour.</summary>
    public static object CoveringNow()
    {
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Madrid);
        return new { from = Time(now.AddHours(-1)), to = Time(now.AddHours(1)), timeZone = "Europe/Madrid" };
    }

    private static string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);
}
