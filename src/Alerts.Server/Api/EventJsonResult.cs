using Alerts.Core.Alerts;

namespace Alerts.Server.Api;

/// <summary>Writes an event's stored JSON as the response body, unparsed and unchanged.</summary>
internal sealed class EventJsonResult(StoredEvent storedEvent, int statusCode, string? location = null, bool replayed = false) : IResult
{
    public bool IsReplay => replayed;

    public long Seq => storedEvent.Seq;

    public StoredEvent Event => storedEvent;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        await response.WriteAsync(storedEvent.Json, httpContext.RequestAborted);
    }
}
