using System.Security.Cryptography;
using Alerts.Core.Editions;
using Alerts.Server.Api;
using Alerts.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Syndication;

/// <summary>An edition's lines as Atom 1.0 and JSON Feed 1.1, cached and revalidated like the ticker.</summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        var editions = routes.MapGroup("/api/v1/editions/{edition}").RequireCors(CorsPolicies.Public);
        // HEAD too: feed validators and `curl -I` ask for the headers alone.
        editions.MapMethods("/feed.atom", [HttpMethods.Get, HttpMethods.Head], GetAtomFeedAsync).WithName("GetAtomFeed")
            .Produces(StatusCodes.Status200OK, responseType: null, AtomFeedWriter.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        editions.MapMethods("/feed.json", [HttpMethods.Get, HttpMethods.Head], GetJsonFeedAsync).WithName("GetJsonFeed")
            .Produces(StatusCodes.Status200OK, responseType: null, JsonFeedWriter.ContentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAtomFeedAsync(string edition, HttpContext context, Taxonomy taxonomy, FeedLines lines, CancellationToken cancellationToken) =>
        GetFeedAsync(edition, context, taxonomy, lines, AtomFeedWriter.Write, AtomFeedWriter.ContentType, cancellationToken);

    public static Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetJsonFeedAsync(string edition, HttpContext context, Taxonomy taxonomy, FeedLines lines, CancellationToken cancellationToken) =>
        GetFeedAsync(edition, context, taxonomy, lines, JsonFeedWriter.Write, JsonFeedWriter.ContentType, cancellationToken);

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetFeedAsync(
        string edition, HttpContext context, Taxonomy taxonomy, FeedLines lines, Func<FeedSnapshot, FeedLinks, byte[]> write, string contentType, CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.TryGetValue(edition, out var known))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        var body = write(await lines.ReadAsync(known, cancellationToken), FeedLinks.For(context.Request, edition));
        // Strong: the tag is the hash of these exact bytes.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"");
        context.Response.GetTypedHeaders().ETag = etag;
        // As the ticker: a CDN may serve it for a few seconds and revalidate in the background.
        context.Response.Headers.CacheControl = "public, max-age=5, stale-while-revalidate=30";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: true)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, contentType);
    }
}
