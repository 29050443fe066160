namespace Alerts.Server.Fanout;

/// <summary>
/// One wire format of feed messages (a transport's frame). A message builds each format at most once,
/// when its first connection of that format takes it, and every other connection, live or replaying,
/// takes the same <typeparamref name="T"/>. Each format is one static instance: its slot in the message.
/// </summary>
internal abstract class FeedEncoding<T>(string name) : FeedEncoding(name)
    where T : class
{
    /// <summary>Builds the format from the message's kind, position and JSON; called once per message.</summary>
    public abstract T Encode(FeedMessage message);
}
