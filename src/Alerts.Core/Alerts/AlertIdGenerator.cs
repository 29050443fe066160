namespace Alerts.Core.Alerts;

/// <summary>
/// Hands out ULIDs that increase strictly within this process, also inside one millisecond (the
/// ULID spec's monotonic mode), so ids sort in publish order where timestamps tie.
/// </summary>
public sealed class AlertIdGenerator
{
    private readonly Lock _lock = new();
    private Ulid _last;

    public string Next(DateTimeOffset now)
    {
        lock (_lock)
        {
            var candidate = Ulid.NewUlid(now);
            _last = candidate.CompareTo(_last) > 0 ? candidate : Increment(_last);
            return _last.ToString();
        }
    }

    // Adds one to the 80 random bits; the 48 time bits follow the previous id, never the clock backwards.
    private static Ulid Increment(Ulid previous)
    {
        var bytes = previous.ToByteArray();
        for (var i = bytes.Length - 1; i >= 6; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new Ulid(bytes);
    }
}
