namespace Alerts.Server.Tests.Outbox;

/// <summary>
/// Holds a fake receiver's requests once it has accepted a number of them, until <see cref="Release"/>, and then
/// drops them: only the node killed mid-page sends while requests are held. The contract suites of the outlets
/// whose fakes take a hold callback share it.
/// </summary>
internal sealed class HeldRequests
{
    private TaskCompletionSource? _gate;
    private int _holdFrom = int.MaxValue;
    private int _holding;

    /// <summary>Requests held so far.</summary>
    public int Holding => Volatile.Read(ref _holding);

    public void HoldOnceAccepted(int accepted)
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _holdFrom, accepted);
    }

    public void Release()
    {
        Volatile.Write(ref _holdFrom, int.MaxValue);
        _gate?.TrySetResult();
    }

    /// <summary>The receiver's hold callback: true once the request was held and released (drop it), false to answer it.</summary>
    public async Task<bool> HoldAsync(int accepted)
    {
        if (_gate is { } gate && accepted >= Volatile.Read(ref _holdFrom))
        {
            Interlocked.Increment(ref _holding);
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return true;
        }

        return false;
    }
}
