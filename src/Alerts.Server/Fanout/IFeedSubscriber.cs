namespace Alerts.Server.Fanout;

/// <summary>
/// A hub connection as an <see cref="EditionFeed"/> sees it: a bounded queue the relay adds to and
/// never waits for. Whatever the transport, a connection that lets its queue grow past the bound is
/// disconnected; it reconnects and resumes from the log.
/// </summary>
internal interface IFeedSubscriber
{
    /// <summary>The editions the connection follows, kept by <see cref="LiveSubscriptions"/>: a connection follows one or a few, so an array.</summary>
    string[] Editions { get; set; }

    /// <summary>Which outlet of the delivery report the connection counts under; hub connections need not say.</summary>
    FeedTransport Transport => FeedTransport.Hub;

    /// <summary>History this connection may still be sent before it gets the ticker instead.</summary>
    ReplayBudget ReplayBudget { get; }

    /// <summary>Queues the message without waiting; a connection too far behind is disconnected instead.</summary>
    void Send(FeedMessage message);

    /// <summary>Completes once the queue is short enough for more history: history goes at the client's pace, live events never do.</summary>
    Task WhenReadyForHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Ends the connection at once.</summary>
    void Abort();
}
