using System.Net;
using System.Text.Json;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// Turns a failed FCM response into a <see cref="FirebaseMessagingException"/>: <c>error.status</c>,
/// the <c>FcmError</c> detail's <c>errorCode</c>, and <c>Retry-After</c> (seconds or an HTTP date).
/// </summary>
internal static class FcmErrorReader
{
    private const string FcmErrorType = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    public static async Task<FirebaseMessagingException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? status = null;
        string? errorCode = null;
        var message = text;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                status = error.TryGetProperty("status", out var s) ? s.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? text : text;
                errorCode = FcmErrorCodeOf(error);
            }
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML; the HTTP status still says what happened.
        }

        var code = ErrorCodeOf(status, response.StatusCode);
        return new FirebaseMessagingException(code, $"FCM answered {(int)response.StatusCode} {status ?? "?"}: {message}",
            MessagingErrorCodeOf(errorCode), response.StatusCode, RetryAfterOf(response));
    }

    private static string? FcmErrorCodeOf(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("@type", out var type) && type.GetString() == FcmErrorType
                && detail.TryGetProperty("errorCode", out var code))
            {
                return code.GetString();
            }
        }

        return null;
    }

    private static MessagingErrorCode? MessagingErrorCodeOf(string? errorCode) => errorCode switch
    {
        "INVALID_ARGUMENT" => MessagingErrorCode.InvalidArgument,
        "UNREGISTERED" => MessagingErrorCode.Unregistered,
        "SENDER_ID_MISMATCH" => MessagingErrorCode.SenderIdMismatch,
        "QUOTA_EXCEEDED" => MessagingErrorCode.QuotaExceeded,
        "UNAVAILABLE" => MessagingErrorCode.Unavailable,
        "INTERNAL" => MessagingErrorCode.Internal,
        "THIRD_PARTY_AUTH_ERROR" => MessagingErrorCode.ThirdPartyAuthError,
        null => null,
        _ => MessagingErrorCode.Unspecified,
    };

    private static ErrorCode ErrorCodeOf(string? status, HttpStatusCode httpStatus) => status switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => ErrorCode.InvalidArgument,
        "UNAUTHENTICATED" => ErrorCode.Unauthenticated,
        "PERMISSION_DENIED" => ErrorCode.PermissionDenied,
        "NOT_FOUND" => ErrorCode.NotFound,
        "RESOURCE_EXHAUSTED" => ErrorCode.ResourceExhausted,
        "INTERNAL" => ErrorCode.Internal,
        "UNAVAILABLE" => ErrorCode.Unavailable,
        "DEADLINE_EXCEEDED" => ErrorCode.DeadlineExceeded,
        _ => httpStatus switch
        {
            HttpStatusCode.BadRequest => ErrorCode.InvalidArgument,
            HttpStatusCode.Unauthorized => ErrorCode.Unauthenticated,
            HttpStatusCode.Forbidden => ErrorCode.PermissionDenied,
            HttpStatusCode.NotFound => ErrorCode.NotFound,
            HttpStatusCode.TooManyRequests => ErrorCode.ResourceExhausted,
            HttpStatusCode.ServiceUnavailable => ErrorCode.Unavailable,
            HttpStatusCode.GatewayTimeout => ErrorCode.DeadlineExceeded,
            >= HttpStatusCode.InternalServerError => ErrorCode.Internal,
            _ => ErrorCode.Unknown,
        },
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
