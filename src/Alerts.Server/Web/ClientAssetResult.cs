using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Web;

/// <summary>Writes a <see cref="ClientAsset"/>: 304 when the client's copy is current, gzip when accepted.</summary>
internal sealed class ClientAssetResult(ClientAsset asset, string cacheControl, string? contentSecurityPolicy = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var headers = response.Headers;
        response.GetTypedHeaders().ETag = asset.ETag;
        headers.CacheControl = cacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        if (contentSecurityPolicy is not null)
        {
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers["Referrer-Policy"] = "same-origin";
        }

        if (request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(asset.ETag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        var body = asset.Content;
        if (AcceptsGzip(request))
        {
            headers.ContentEncoding = "gzip";
            body = asset.Gzipped;
        }

        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
}
