using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Hosting.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Web;

/// <summary>The public reads: an alert, the editions, an edition's events and its ticker.</summary>
internal static class ReadEndpoints
{
    public const int DefaultEventLimit = 100;
    public const int MaxEventLimit = 1000;
    public const int MaxTickerLines = 200;

    public static IEndpointRouteBuilder MapReadEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").RequireCors(CorsPolicies.Public);
        api.MapGet("/alerts/{id}", GetAlertAsync).WithName("GetAlert")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/editions", GetEditionsAsync).WithName("GetEditions");
        api.MapGet("/editions/{edition}/events", GetEventsAsync).RequireRateLimiting(RateLimitingExtensions.EventsPolicy).WithName("GetEvents")
            .Produces<EventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/editions/{edition}/ticker", GetTickerAsync).WithName("GetTicker")
            .Produces<TickerResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>
    /// The alert; once retracted, its public view, unless the caller sends a key allowed on its edition
    /// (editors keep the full record, reason included). An alert that waits before publication exists
    /// only for the keys allowed on its edition: everyone else gets 404.
    /// </summary>
    public static async Task<Results<Ok<Alert>, StatusCodeHttpResult, ProblemHttpResult>> GetAlertAsync(
        string id, HttpContext context, ClaimsPrincipal user, IAuthorizationService authorization, IAlertLog log, RedisWaitingAlerts waiting,
        CancellationToken cancellationToken)
    {
        if (await log.FindAsync(id, cancellationToken) is not { } found)
        {
            return await waiting.FindAsync(id, cancellationToken) is { Record: { Releasing: false } record }
                && (await authorization.AuthorizeAsync(user, record.Alert.Edition, Policies.Edition)).Succeeded
                ? TypedResults.Ok(record.Alert)
                : Problems.AlertNotFound(id);
        }

        var fullRecord = found.Alert.Status != AlertStatus.Retracted
            || (await authorization.AuthorizeAsync(user, found.Alert.Edition, Policies.Edition)).Succeeded;

        var alert = fullRecord ? found.Alert : found.Alert.PublicView();
        // What a retracted alert shows depends on the key, so the key is part of the representation.
        context.Response.Headers.Vary = HeaderNames.Authorization;
        var etag = AlertEntityTag.Of(alert, fullRecord);
        context.Response.GetTypedHeaders().ETag = etag;
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(alert);
    }

    public static async Task<Ok<EditionsResponse>> GetEditionsAsync(Taxonomy taxonomy, IAlertLog log, CancellationToken cancellationToken)
    {
        var latest = await log.ReadLatestSeqsAsync(cancellationToken);
        return TypedResults.Ok(new EditionsResponse(
            taxonomy.Editions.Values.Select(e => new EditionResponse(e.Key, e.Name, e.Language, e.Direction, e.BreakingLabel, latest[e.Key])).ToList(),
            taxonomy.Sections.Order(StringComparer.Ordinal).ToList(),
            taxonomy.Regions.Order(StringComparer.Ordinal).ToList()));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetEventsAsync(
        string edition,
        string? after,
        string? limit,
        string? epoch,
        HttpContext context,
        Taxonomy taxonomy,
        IAlertLog log,
        ILogEpochs epochs,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.ContainsKey(edition))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        var errors = new Core.Validation.ValidationErrors();
        var afterSeq = ParseQuery(after, "after", 0, 0, long.MaxValue, errors);
        var count = (int)ParseQuery(limit, "limit", DefaultEventLimit, 1, MaxEventLimit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        // The epoch is read before the page: an epoch that moves meanwhile shows at the client's next read.
        var currentEpoch = await epochs.ReadAsync(edition, cancellationToken);
        var page = await log.ReadAsync(edition, afterSeq, count, cancellationToken);
        // A position in another life of the log names seqs that may since have been reused.
        var reset = page.IsGapAfter(afterSeq) || (!string.IsNullOrEmpty(epoch) && epoch != currentEpoch);
        var ticker = reset ? await log.ReadTickerAsync(edition, time.GetUtcNow(), MaxTickerLines, cancellationToken) : null;

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var storedEvent in reset ? [] : page.Events)
            {
                // Stored events are already the contract's JSON; pass them through unparsed.
                writer.WriteRawValue(storedEvent.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteNumber("latestSeq", page.LatestSeq);
            writer.WriteNumber("oldestSeq", page.OldestSeq);
            writer.WriteString("epoch", currentEpoch);
            if (ticker is not null)
            {
                writer.WriteBoolean("reset", true);
                writer.WritePropertyName("ticker");
                JsonSerializer.Serialize(writer, ticker, AlertsJson.Options);
            }

            writer.WriteEndObject();
        }

        context.Response.Headers.CacheControl = "public, max-age=1";
        return TypedResults.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetTickerAsync(
        string edition, string? limit, HttpContext context, Taxonomy taxonomy, IAlertLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.ContainsKey(edition))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        var errors = new Core.Validation.ValidationErrors();
        var count = (int)ParseQuery(limit, "limit", MaxTickerLines, 1, MaxTickerLines, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        // The seq is read before the lines: a client that subscribes after it may see an event twice, never miss one.
        var latest = await log.ReadLatestSeqsAsync(cancellationToken);
        var lines = await log.ReadTickerAsync(edition, time.GetUtcNow(), count, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(new TickerResponse(edition, latest[edition], lines), AlertsJson.Options);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"");

        context.Response.GetTypedHeaders().ETag = etag;
        // The live hub carries every change, so a CDN may serve this for a few seconds and revalidate in the background.
        context.Response.Headers.CacheControl = "public, max-age=5, stale-while-revalidate=30";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: true) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static long ParseQuery(string? raw, string name, long fallback, long min, long max, Core.Validation.ValidationErrors errors)
    {
        if (raw is null)
        {
            return fallback;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"must be a whole number from {min} to {max}.");
        }

        return value;
    }

}
