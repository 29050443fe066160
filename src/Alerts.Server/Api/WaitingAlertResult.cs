using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;

namespace Alerts.Server.Api;

/// <summary>202 Accepted with a waiting alert and its Location: it is stored, but reaches nobody yet.</summary>
internal sealed class WaitingAlertResult(Alert alert, bool replayed) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.Location = $"/api/v1/alerts/{alert.Id}";
        if (replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJson.Options), httpContext.RequestAborted);
    }
}
