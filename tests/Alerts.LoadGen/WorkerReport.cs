namespace Alerts.LoadGen;

/// <summary>A worker's closing line: counts, per-alert receipts and latest latency (µs), and its latency histogram.</summary>
internal sealed record WorkerReport(
    int Connected, int Failed, int Dropped, long Received, int[] ReceivedPerAlert, long[] LatestMicrosPerAlert, long[][] Histogram, long MaxMicros);
