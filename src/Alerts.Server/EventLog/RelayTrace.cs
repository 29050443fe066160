using System.Diagnostics;

namespace Alerts.Server.EventLog;

/// <summary>
/// The trace context an event carries over pub/sub, so each node's relay continues the trace of the
/// request that appended it. A published message is a W3C <c>traceparent</c> (fixed length) followed
/// by the event, or the event alone when nothing was traced; stored events never carry it.
/// </summary>
internal static class RelayTrace
{
    private const int TraceparentLength = 55;

    public static string Of(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id.Length: TraceparentLength } ? activity.Id : "";

    /// <summary>
    /// Takes the trace context off a message; anything that does not start with a well-formed one is
    /// returned whole, for <see cref="PublishedEvent"/> to judge.
    /// </summary>
    public static (ActivityContext Parent, string EventJson) Split(string message)
    {
        if (message.Length > TraceparentLength && message[TraceparentLength] == '{'
            && ActivityContext.TryParse(message[..TraceparentLength], null, out var parent))
        {
            return (parent, message[TraceparentLength..]);
        }

        return (default, message);
    }
}
