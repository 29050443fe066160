using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// How a registration is kept: one hash field under the token's 16-character id, its value the profile
/// field (which the registry's scripts read to keep the profile counts) then the token, platform,
/// registration time and quiet hours, tab-separated. A token (up to 512 characters, ~180 for FCM) is
/// the bulk of a registration, so it is stored once; the edition and expiry indexes hold the id.
/// Tokens, platforms, times of day and time-zone ids never hold a tab.
/// </summary>
internal static class StoredDevice
{
    private const char Separator = '\t';

    // 96 bits of SHA-256: two tokens sharing an id takes ~2^48 registrations.
    private const int IdBytes = 12;

    /// <summary>The token's short, fixed-length id (base64url of a hash prefix), which orders the edition's walk.</summary>
    public static string Id(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Base64Url.EncodeToString(hash[..IdBytes]);
    }

    public static string Encode(DeviceRegistration device)
    {
        var fields = new List<string>
        {
            DeviceProfile.Of(device).Field, device.Token, device.Platform,
            device.RegisteredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (device.QuietHours is { } quiet)
        {
            fields.AddRange([Time(quiet.From), Time(quiet.To), quiet.TimeZone]);
        }

        return string.Join(Separator, fields);
    }

    /// <summary>The registration, or null for a value this layout did not write.</summary>
    public static DeviceRegistration? Decode(string value)
    {
        var fields = value.Split(Separator);
        if (fields.Length is not (4 or 7)
            || DeviceProfile.Parse(fields[0]) is not { } profile
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var registeredAt))
        {
            return null;
        }

        var quiet = fields.Length == 7 ? new QuietHours(ParseTime(fields[4]), ParseTime(fields[5]), fields[6]) : null;
        return new DeviceRegistration(
            fields[1], fields[2], profile.Edition, profile.Sections, profile.Regions, profile.MinUrgency, quiet,
            DateTimeOffset.FromUnixTimeMilliseconds(registeredAt));
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly ParseTime(string time) => TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture);
}
