namespace Alerts.Server.Push.Sending;

/// <summary>What <c>begin.lua</c> found when an attempt at a pushed event began; the script answers with these names.</summary>
internal enum PushItemStart
{
    /// <summary>The first attempt: the alert's pending count went up.</summary>
    Started,

    /// <summary>An earlier attempt (this node's or a node that died) got part way; the outbox's progress says where.</summary>
    Resumed,

    /// <summary>Its pass ended before (a node died between ending it and moving the cursor): nothing is sent again.</summary>
    AlreadyDone,
}
