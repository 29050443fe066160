namespace Alerts.Server.Push.Sending;

/// <summary>What one batch did, added to the alert's delivery counters when the batch is recorded.</summary>
internal sealed class BatchCounts
{
    private readonly Lock _firstFailureLock = new();
    private int _accepted;
    private int _failed;
    private int _retried;
    private int _pruned;

    public int Targets { get; set; }

    public int Held { get; set; }

    public int Capped { get; set; }

    public int Accepted => _accepted;

    public int Failed => _failed;

    public int Retried => _retried;

    public int Pruned => _pruned;

    public void Accept() => Interlocked.Increment(ref _accepted);

    /// <summary>Why the first send of the batch failed for good; one line per batch is logged, not one per target.</summary>
    public string? FirstFailure { get; private set; }

    public void Fail() => Interlocked.Increment(ref _failed);

    public void NoteFailure(string reason)
    {
        lock (_firstFailureLock)
        {
            FirstFailure ??= reason;
        }
    }

    public void Retry() => Interlocked.Increment(ref _retried);

    public void Prune() => Interlocked.Increment(ref _pruned);

    public IEnumerable<(string Name, int Value)> Counters() =>
    [
        ("targets", Targets), ("accepted", Accepted), ("failed", Failed), ("retried", Retried), ("pruned", Pruned), ("held", Held), ("capped", Capped),
    ];
}
