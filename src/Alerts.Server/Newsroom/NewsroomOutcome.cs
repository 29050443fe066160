namespace Alerts.Server.Newsroom;

/// <summary>How a use case of the newsroom ended, for the endpoint to translate into HTTP.</summary>
internal enum NewsroomOutcome
{
    /// <summary>An event went into the log (201).</summary>
    Published,

    /// <summary>A published alert was corrected or retracted: the event, with the alert's new ETag (200).</summary>
    Changed,

    /// <summary>The alert is stored and waits for approval or its time (202).</summary>
    Waiting,

    /// <summary>A correction of a published alert waits for approval; the published version stays live (202).</summary>
    CorrectionWaiting,

    /// <summary>A pending correction ended without being applied: rejected or cancelled (200).</summary>
    CorrectionEnded,

    /// <summary>A waiting alert was edited, rejected or cancelled: the alert as it stands now (200).</summary>
    Settled,

    /// <summary>Every live version of a story the key may act on was retracted: their events (200).</summary>
    StoryRetracted,

    /// <summary>Refused before anything changed: the problem says why (400, 403, 404, 409, 412, 422).</summary>
    Refused,
}
