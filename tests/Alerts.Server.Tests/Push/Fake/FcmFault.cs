using System.Net;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>A failure the fake FCM answers a send with, in the shapes Google documents.</summary>
public sealed record FcmFault(HttpStatusCode Status, string ErrorStatus, string? ErrorCode, string Message)
{
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Read the request, then reset the stream without answering.</summary>
    public bool Reset { get; init; }

    /// <summary>Read the request, then answer only when the test releases it or the client gives up.</summary>
    public bool Hang { get; init; }

    public static FcmFault Unavailable => new(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.");

    public static FcmFault Internal => new(HttpStatusCode.InternalServerError, "INTERNAL", "INTERNAL", "Internal error encountered.");

    public static FcmFault Unregistered => new(HttpStatusCode.NotFound, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.");

    public static FcmFault InvalidToken => new(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
        "The registration token is not a valid FCM registration token");

    public static FcmFault InvalidPayload => new(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
        "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration)");

    public static FcmFault Unauthenticated => new(HttpStatusCode.Unauthorized, "UNAUTHENTICATED", null,
        "Request had invalid authentication credentials. Expected OAuth 2 access token.");

    public static FcmFault ConnectionReset => Unavailable with { Reset = true };

    public static FcmFault Hung => Unavailable with { Hang = true };

    public static FcmFault Quota(TimeSpan? retryAfter) =>
        new(HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric 'Send requests'.") { RetryAfter = retryAfter };
}
