namespace Alerts.LoadGen;

/// <summary>
/// What one worker process saw: every post → receive latency, and per alert how many clients got it
/// and the latest of them. One lock, held for a few nanoseconds per receipt: cheaper than the
/// frame that brought it.
/// </summary>
internal sealed class AlertRecorder(int alerts)
{
    private readonly Lock _lock = new();
    private readonly LatencyHistogram _latency = new();
    private readonly int[] _received = new int[alerts];
    private readonly long[] _latest = new long[alerts];
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Record(int index, long micros)
    {
        lock (_lock)
        {
            _latency.Record(micros);
            if ((uint)index < (uint)_received.Length)
            {
                _received[index]++;
                _latest[index] = Math.Max(_latest[index], micros);
            }

            _total++;
        }
    }

    public WorkerReport Report(int connected, int failed, int dropped)
    {
        lock (_lock)
        {
            return new WorkerReport(connected, failed, dropped, _total, [.. _received], [.. _latest], [.. _latency.Sparse()], _latency.Max);
        }
    }
}
