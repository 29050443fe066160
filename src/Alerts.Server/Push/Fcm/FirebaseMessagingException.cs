using System.Net;

namespace Alerts.Server.Push.Fcm;

/// <summary>A failed FCM call: the platform status, FCM's own error code, the HTTP status and any <c>Retry-After</c>.</summary>
internal sealed class FirebaseMessagingException : Exception
{
    public FirebaseMessagingException(
        ErrorCode errorCode, string message, MessagingErrorCode? messagingErrorCode = null,
        HttpStatusCode? httpStatus = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        MessagingErrorCode = messagingErrorCode;
        HttpStatus = httpStatus;
        RetryAfter = retryAfter;
    }

    public ErrorCode ErrorCode { get; }

    public MessagingErrorCode? MessagingErrorCode { get; }

    /// <summary>Null when no response arrived (connection reset, timeout, token endpoint down).</summary>
    public HttpStatusCode? HttpStatus { get; }

    public TimeSpan? RetryAfter { get; }
}
