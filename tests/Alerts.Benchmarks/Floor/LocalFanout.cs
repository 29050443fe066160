namespace Floor;

/// <summary>One node: the frame goes straight to this node's broadcaster.</summary>
internal sealed class LocalFanout(Broadcaster broadcaster) : IFrameFanout
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(byte[] frame, CancellationToken cancellationToken)
    {
        broadcaster.Enqueue(frame);
        return Task.CompletedTask;
    }
}
