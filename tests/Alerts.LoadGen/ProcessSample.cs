namespace Alerts.LoadGen;

internal sealed record ProcessSample(DateTime At, double CpuSeconds, long RssBytes)
{
    /// <summary>Percent of one core used between <paramref name="earlier"/> and this sample.</summary>
    public double CpuPercentSince(ProcessSample earlier) =>
        Math.Round(100 * (CpuSeconds - earlier.CpuSeconds) / Math.Max(0.001, (At - earlier.At).TotalSeconds), 1);
}
