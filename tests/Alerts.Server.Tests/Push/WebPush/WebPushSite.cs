using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>
/// A publisher's site on its own origin, set up as docs/api.md tells publishers: the ticker's script tag with
/// <c>data-push="ask"</c>, and the one-line worker <c>/alerts-sw.js</c> that imports the Alerts server's.
/// </summary>
public sealed class WebPushSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebPushSite(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public static async Task<WebPushSite> StartAsync(Uri alerts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>The Daily Publisher</title></head>
            <body>
              <div id="breaking"></div>
              <script src="{{new Uri(alerts, "/ticker.js")}}" data-edition="en" data-target="#breaking" data-push="ask" async></script>
            </body>
            </html>
            """, "text/html; charset=utf-8"));
        // Chromium asks every origin for one; a 404 would show as a console error.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/alerts-sw.js", () => Results.Content($"importScripts(\"{new Uri(alerts, "/push-sw.js")}\");\n", "text/javascript"));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebPushSite(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
