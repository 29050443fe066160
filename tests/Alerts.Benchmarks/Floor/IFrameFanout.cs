namespace Floor;

/// <summary>How an encoded frame reaches the broadcaster of every node.</summary>
internal interface IFrameFanout
{
    Task StartAsync(CancellationToken cancellationToken);

    Task PublishAsync(byte[] frame, CancellationToken cancellationToken);
}
