using System.Globalization;
using StackExchange.Redis;

namespace Alerts.Server.Judgement;

/// <summary>One node's reader count for one edition, as kept in <see cref="JudgementKeys.Readers"/>.</summary>
internal readonly record struct ReaderEntry(string Node, string Edition, long Readers, long ExpiresAtMs)
{
    public string Field => $"{Node}\n{Edition}";

    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Readers}:{ExpiresAtMs}");

    public static ReaderEntry? Parse(HashEntry entry)
    {
        var field = ((string?)entry.Name ?? "").Split('\n');
        var value = ((string?)entry.Value ?? "").Split(':');
        if (field.Length != 2 || value.Length != 2
            || !long.TryParse(value[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var readers)
            || !long.TryParse(value[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiresAtMs))
        {
            return null;
        }

        return new ReaderEntry(field[0], field[1], readers, expiresAtMs);
    }
}
