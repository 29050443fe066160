namespace Alerts.Server.Push.Fcm;

/// <summary>The Google API platform error (<c>error.status</c>), or how the request failed before reaching it.</summary>
internal enum ErrorCode
{
    Unknown,
    InvalidArgument,
    Unauthenticated,
    PermissionDenied,
    NotFound,
    ResourceExhausted,
    Internal,
    Unavailable,
    DeadlineExceeded,
}
