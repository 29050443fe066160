namespace Alerts.Server.Push.Fcm;

/// <summary>The outcome of a topic subscribe or unsubscribe: per-token errors, indexed into the given tokens.</summary>
internal sealed record TopicManagementResponse(int SuccessCount, IReadOnlyList<ErrorInfo> Errors)
{
    public int FailureCount => Errors.Count;
}
