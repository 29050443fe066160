using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core.Alerts;

namespace Alerts.Server.EventLog;

/// <summary>
/// Reads an event's header, once, and checks the event before a node shows it to anyone. Only the
/// append script publishes, but anything that can reach the store can <c>PUBLISH</c> too; a message
/// that is not an event of the channel's edition, in the log's own shape (compact JSON, <c>seq</c>
/// first), is dropped. A real event lost that way is not lost: the relay's consistency check
/// backfills it from the log. The rest of the event is never parsed: its bytes go to readers as they are.
/// </summary>
internal static class PublishedEvent
{
    public static bool TryRead(string json, string edition, out LoggedEvent loggedEvent)
    {
        loggedEvent = null!;
        if (!json.StartsWith("{\"seq\":", StringComparison.Ordinal) || json.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        EventHeader? header;
        try
        {
            header = ReadHeader(bytes);
        }
        catch (JsonException)
        {
            return false;
        }

        if (header is not { Seq: > 0 } || header.Edition != edition
            || !json.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{{\"seq\":{header.Seq},"), StringComparison.Ordinal))
        {
            return false;
        }

        loggedEvent = new LoggedEvent(header, bytes);
        return true;
    }

    /// <summary>The seq of an event in the log's shape, from its leading member alone.</summary>
    public static bool TryReadSeq(string json, out long seq)
    {
        seq = 0;
        const string prefix = "{\"seq\":";
        if (!json.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = json.AsSpan(prefix.Length);
        var end = digits.IndexOf(',');
        return end > 0 && long.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    /// <summary>The header of one event, or null when a member it needs is missing or of another kind; the alert's other members are skipped, not read.</summary>
    private static EventHeader? ReadHeader(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        long seq = 0;
        string? type = null, edition = null, epoch = null, at = null, alertId = null, alertEdition = null, status = null;
        var version = 0;
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            Next(ref reader);
            if (name.SequenceEqual("seq"u8) && reader.TokenType == JsonTokenType.Number)
            {
                seq = reader.GetInt64();
            }
            else if (name.SequenceEqual("type"u8))
            {
                type = StringOrNull(ref reader);
            }
            else if (name.SequenceEqual("edition"u8))
            {
                edition = StringOrNull(ref reader);
            }
            else if (name.SequenceEqual("epoch"u8))
            {
                epoch = StringOrNull(ref reader);
            }
            else if (name.SequenceEqual("at"u8))
            {
                at = StringOrNull(ref reader);
            }
            else if (name.SequenceEqual("alert"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var member = reader.ValueSpan;
                    Next(ref reader);
                    if (member.SequenceEqual("id"u8))
                    {
                        alertId = StringOrNull(ref reader);
                    }
                    else if (member.SequenceEqual("edition"u8))
                    {
                        alertEdition = StringOrNull(ref reader);
                    }
                    else if (member.SequenceEqual("status"u8))
                    {
                        status = StringOrNull(ref reader);
                    }
                    else if (member.SequenceEqual("version"u8) && reader.TokenType == JsonTokenType.Number)
                    {
                        version = reader.GetInt32();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return Enum.TryParse<AlertEventType>(type, ignoreCase: true, out var eventType) && Enum.IsDefined(eventType) && !IsNumber(type)
            && Enum.TryParse<AlertStatus>(status, ignoreCase: true, out var alertStatus) && Enum.IsDefined(alertStatus) && !IsNumber(status)
            && edition is not null && alertEdition == edition && !string.IsNullOrEmpty(alertId)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                ? new EventHeader(seq, eventType, edition, epoch, when, alertId, alertStatus, version)
                : null;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The event ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (Next(ref reader) != token)
        {
            throw new JsonException($"Expected {token}.");
        }
    }

    private static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    // Enum.TryParse takes "2" as a value: the log writes names only.
    private static bool IsNumber(string? value) => value is { Length: > 0 } && (char.IsAsciiDigit(value[0]) || value[0] == '-');
}
