namespace Alerts.Server.Fanout;

/// <summary>The work a node does per event: reading its header and building each wire format. Counted in tests, which hold each to once.</summary>
internal interface IRelayWork
{
    void Parsed(string edition, long seq);

    /// <summary>A format of a message built: an event (held to once), or a reset (each read of the ticker is a message of its own).</summary>
    void Encoded(string encoding, FeedMessageKind kind, string edition, long seq);
}
