using System.Net;
using Alerts.Server.Push.Fcm;

namespace Alerts.Server.Push.Sending;

internal static class FcmErrors
{
    public static FcmErrorClass Classify(FirebaseMessagingException e) => e switch
    {
        { MessagingErrorCode: MessagingErrorCode.Unregistered } => FcmErrorClass.PruneToken,
        // FCM's INVALID_ARGUMENT covers both a bad token and a bad payload; only the former says "registration token".
        { ErrorCode: ErrorCode.InvalidArgument } when e.Message.Contains("registration token", StringComparison.OrdinalIgnoreCase) => FcmErrorClass.PruneToken,
        { MessagingErrorCode: MessagingErrorCode.QuotaExceeded } or { HttpStatus: HttpStatusCode.TooManyRequests } => FcmErrorClass.Quota,
        { ErrorCode: ErrorCode.Unauthenticated } or { HttpStatus: HttpStatusCode.Unauthorized } => FcmErrorClass.Authentication,
        { HttpStatus: null } or { ErrorCode: ErrorCode.Unavailable or ErrorCode.Internal or ErrorCode.DeadlineExceeded } => FcmErrorClass.Transient,
        { HttpStatus: >= HttpStatusCode.InternalServerError } => FcmErrorClass.Transient,
        _ => FcmErrorClass.Permanent,
    };
}
