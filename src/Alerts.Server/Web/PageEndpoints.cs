using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Web;

/// <summary>The web client: the embeddable ticker script, the demo page and the editors' console.</summary>
internal static class PageEndpoints
{
    // Publishers embed an unversioned URL: an hour keeps their pages fast and still spreads a fix within the hour.
    public const string TickerCacheControl = "public, max-age=3600, stale-while-revalidate=86400";

    private const string PageCacheControl = "no-cache";

    // CDNs and link checkers ask with HEAD before they fetch.
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    // The pages load only this server's own scripts and styles and call only this server.
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>Pages and their assets are for browsers, not API clients: the OpenAPI document leaves them out.</summary>
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/ticker.js", GetOrHead, GetTickerScript).RequireCors(CorsPolicies.Public).WithName("GetTickerScript")
            .ExcludeFromDescription();
        routes.MapMethods("/", GetOrHead, (ClientAssets assets) => Page(assets["index.html"])).WithName("GetDemoPage")
            .ExcludeFromDescription();
        routes.MapMethods("/console", GetOrHead, (ClientAssets assets) => Page(assets["console.html"])).WithName("GetConsolePage")
            .ExcludeFromDescription();
        routes.MapMethods("/assets/{name}", GetOrHead, GetAsset).WithName("GetClientAsset")
            .ExcludeFromDescription();
        return routes;
    }

    public static ClientAssetResult GetTickerScript(HttpContext context, ClientAssets assets)
    {
        // Any page may load it, including pages that isolate themselves with Cross-Origin-Embedder-Policy.
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        return new ClientAssetResult(assets["ticker.js"], TickerCacheControl);
    }

    public static Results<ClientAssetResult, NotFound> GetAsset(string name, ClientAssets assets) =>
        name is "console.js" or "console.css" or "demo.js" or "demo.css" or "favicon.svg"
            ? new ClientAssetResult(assets[name], PageCacheControl)
            : TypedResults.NotFound();

    private static ClientAssetResult Page(ClientAsset asset) => new(asset, PageCacheControl, PagePolicy);
}
