namespace Alerts.Server.Fanout;

/// <summary>Production's <see cref="IRelayWork"/>: nothing counted.</summary>
internal sealed class UncountedRelayWork : IRelayWork
{
    public void Parsed(string edition, long seq)
    {
    }

    public void Encoded(string encoding, FeedMessageKind kind, string edition, long seq)
    {
    }
}
