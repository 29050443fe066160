namespace Alerts.Server.Push.Fcm;

/// <summary>The outcomes of a batch, in the order the messages were given.</summary>
internal sealed record BatchResponse(IReadOnlyList<SendResponse> Responses)
{
    public int SuccessCount => Responses.Count(r => r.IsSuccess);

    public int FailureCount => Responses.Count - SuccessCount;
}
