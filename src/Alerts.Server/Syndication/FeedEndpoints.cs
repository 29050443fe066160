using Alerts.Core.Editions;
using Alerts.Server.Api;
using Alerts.Server.Hosting.PublicAddress;
using Alerts.Server.Hosting.RateLimiting;
using Alerts.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Syndication;

/// <summary>
/// An edition's lines as Atom 1.0 and JSON Feed 1.1, built once per change (<see cref="FeedCache"/>),
/// rate-limited per address, cached and revalidated like the ticker. Links come from the configured
/// public address, never from the request's <c>Host</c>, so a CDN may keep an answer for everyone.
/// </summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        var editions = routes.MapGroup("/api/v1/editions/{edition}").RequireCors(CorsPolicies.Public).RequireRateLimiting(RateLimitingExtensions.FeedsPolicy);
        // HEAD too: feed validators and `curl -I` ask for the headers alone.
        editions.MapMethods("/feed.atom", [HttpMethods.Get, HttpMethods.Head], GetAtomFeedAsync).WithName("GetAtomFeed")
            .Produces(StatusCodes.Status200OK, responseType: null, AtomFeedWriter.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        editions.MapMethods("/feed.json", [HttpMethods.Get, HttpMethods.Head], GetJsonFeedAsync).WithName("GetJsonFeed")
            .Produces(StatusCodes.Status200OK, responseType: null, JsonFeedWriter.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAtomFeedAsync(
        string edition, HttpContext context, Taxonomy taxonomy, FeedCache cache, PublicOrigin origin, CancellationToken cancellationToken) =>
        GetFeedAsync(edition, context, taxonomy, cache, origin, FeedFormat.Atom, cancellationToken);

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetJsonFeedAsync(
        string edition, HttpContext context, Taxonomy taxonomy, FeedCache cache, PublicOrigin origin, CancellationToken cancellationToken) =>
        GetFeedAsync(edition, context, taxonomy, cache, origin, FeedFormat.Json, cancellationToken);

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetFeedAsync(
        string edition, HttpContext context, Taxonomy taxonomy, FeedCache cache, PublicOrigin origin, FeedFormat format, CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.TryGetValue(edition, out var known))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        var body = await cache.GetAsync(known, format, new FeedLinks(origin.Of(context.Request), edition), cancellationToken);
        context.Response.GetTypedHeaders().ETag = body.ETag;
        // As the ticker: a CDN may serve it for a few seconds and revalidate in the background.
        context.Response.Headers.CacheControl = "public, max-age=5, stale-while-revalidate=30";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(body.ETag, useStrongComparison: true)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body.Bytes, format.ContentType);
    }
}
