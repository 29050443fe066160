namespace Alerts.Server.Push.Fcm;

/// <summary>FCM's <c>details[].errorCode</c> values (the <c>google.firebase.fcm.v1.FcmError</c> detail).</summary>
internal enum MessagingErrorCode
{
    Unspecified,
    InvalidArgument,
    Unregistered,
    SenderIdMismatch,
    QuotaExceeded,
    Unavailable,
    Internal,
    ThirdPartyAuthError,
}
