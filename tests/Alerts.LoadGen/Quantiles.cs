namespace Alerts.LoadGen;

/// <summary>A latency distribution in milliseconds.</summary>
internal sealed record Quantiles(long Count, double P50, double P90, double P99, double P999, double Max)
{
    public static Quantiles Of(LatencyHistogram histogram) => new(
        histogram.Count,
        Ms(histogram.ValueAt(0.5)),
        Ms(histogram.ValueAt(0.9)),
        Ms(histogram.ValueAt(0.99)),
        Ms(histogram.ValueAt(0.999)),
        Ms(histogram.Max));

    public override string ToString() => $"p50 {P50} ms, p90 {P90}, p99 {P99}, p99.9 {P999}, max {Max}";

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
}
