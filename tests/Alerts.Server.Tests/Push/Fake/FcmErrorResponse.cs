using Microsoft.AspNetCore.Http;

namespace Alerts.Server.Tests.Push.Fake;

/// <summary>A Google API error body: <c>error.code/message/status</c> and an <c>FcmError</c> detail with FCM's <c>errorCode</c>.</summary>
public static class FcmErrorResponse
{
    public static async Task WriteAsync(HttpContext context, FcmFault fault)
    {
        context.Response.StatusCode = (int)fault.Status;
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        object[] details = fault.ErrorCode is null ? [] : [new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = fault.ErrorCode }];
        await context.Response.WriteAsJsonAsync(new { error = new { code = (int)fault.Status, message = fault.Message, status = fault.ErrorStatus, details } });
    }
}
