namespace Alerts.Server.Push.Fcm;

/// <summary>The outcome of one message of a batch: its FCM name, or the error.</summary>
internal sealed record SendResponse(string? MessageId, FirebaseMessagingException? Exception)
{
    public bool IsSuccess => Exception is null;
}
