namespace Alerts.Server.Fanout;

/// <summary>The name and slot of a <see cref="FeedEncoding{T}"/>, whatever it builds.</summary>
internal abstract class FeedEncoding
{
    /// <summary>As many formats as the node's transports frame: SignalR's JSON record, its JSON and MessagePack hub messages, the SSE frame, and one to spare.</summary>
    public const int MaxEncodings = 5;

    private static int s_registered;

    protected FeedEncoding(string name)
    {
        Name = name;
        Slot = Interlocked.Increment(ref s_registered) - 1;
        if (Slot >= MaxEncodings)
        {
            throw new InvalidOperationException($"More than {MaxEncodings} feed encodings: raise {nameof(MaxEncodings)}.");
        }
    }

    public string Name { get; }

    public int Slot { get; }
}
