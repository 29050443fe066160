using System.Buffers.Text;
using System.Globalization;

namespace Alerts.LoadGen;

/// <summary>
/// The load generator's stamp inside a headline, <c>lg:{post time µs}:{alert index}:</c>: a receiver
/// needs no lookup table, only these bytes of the frame, whatever the server wrapped around them.
/// </summary>
internal static class AlertMarker
{
    private static ReadOnlySpan<byte> Prefix => "lg:"u8;

    public static string Headline(long postMicros, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"Load test lg:{postMicros}:{index}: parliament votes on the budget after a night of talks");

    public static bool TryRead(ReadOnlySpan<byte> frame, out long postMicros, out int index)
    {
        postMicros = 0;
        index = 0;
        var at = frame.IndexOf(Prefix);
        if (at < 0)
        {
            return false;
        }

        var rest = frame[(at + Prefix.Length)..];
        if (!Utf8Parser.TryParse(rest, out postMicros, out var used) || used >= rest.Length || rest[used] != (byte)':')
        {
            return false;
        }

        return Utf8Parser.TryParse(rest[(used + 1)..], out index, out _);
    }
}
