using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Core.Serialization;

/// <summary>
/// Writes times as UTC ISO-8601 with milliseconds and a <c>Z</c> (<c>2026-11-25T01:34:22.461Z</c>):
/// the form every JavaScript and mobile client parses, and one that round-trips exactly.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));

    /// <summary>Drops what the wire format cannot carry, so a stored value equals the one read back.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
