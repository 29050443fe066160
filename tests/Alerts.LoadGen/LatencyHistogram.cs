namespace Alerts.LoadGen;

/// <summary>
/// Microsecond latencies in log-linear buckets (128 per power of two, so under 1% error): millions of
/// samples in a fixed 36 KB, mergeable across worker processes by adding counts.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 128;
    private const int BucketCount = 64 * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[IndexOf(micros)]++;
        Count++;
        Max = Math.Max(Max, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at <paramref name="quantile"/> (0..1), in microseconds.</summary>
    public long ValueAt(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return Math.Min(UpperBoundOf(i), Max);
            }
        }

        return Max;
    }

    /// <summary>Non-empty buckets as (index, count) pairs: what a worker sends back.</summary>
    public IEnumerable<long[]> Sparse()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] != 0)
            {
                yield return [i, _counts[i]];
            }
        }
    }

    public static LatencyHistogram FromSparse(IEnumerable<long[]> buckets, long max)
    {
        var histogram = new LatencyHistogram { Max = max };
        foreach (var bucket in buckets)
        {
            histogram._counts[bucket[0]] += bucket[1];
            histogram.Count += bucket[1];
        }

        return histogram;
    }

    private static int IndexOf(long value)
    {
        if (value < 2 * SubBuckets)
        {
            return (int)value;
        }

        var shift = 63 - (int)long.LeadingZeroCount(value) - 7;
        return (shift * SubBuckets) + (int)(value >> shift);
    }

    private static long UpperBoundOf(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var mantissa = (index % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
