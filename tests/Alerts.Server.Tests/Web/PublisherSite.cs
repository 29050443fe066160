using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Web;

/// <summary>
/// A publisher's website on its own origin (another Kestrel on another port), whose page embeds the
/// ticker with one script tag, exactly as the contract tells publishers to. Its own CSS is hostile on
/// purpose: the ticker's Shadow DOM must keep it out. Its <c>/push</c> page asks readers for Web Push as docs/api.md
/// tells publishers: the script tag with <c>data-push="ask"</c>, and the one-line worker <c>/alerts-sw.js</c> that
/// imports the Alerts server's.
/// </summary>
public sealed class PublisherSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PublisherSite(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The page <c>/{editions}</c> embeds the ticker of each comma-separated edition from <paramref name="alerts"/>,
    /// each with its own script tag; <c>/plain</c> is the same page without any.
    /// </summary>
    public static async Task<PublisherSite> StartAsync(Uri alerts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/plain", () => Results.Content(Page(alerts, []), "text/html; charset=utf-8"));
        app.MapGet("/push", () => Results.Content(AskingForPushPage(alerts), "text/html; charset=utf-8"));
        app.MapGet("/alerts-sw.js", () => Results.Content($"importScripts(\"{new Uri(alerts, "/push-sw.js")}\");\n", "text/javascript"));
        // Chromium asks every origin for one; a 404 would show as a console error.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/{editions}", (string editions) => Results.Content(Page(alerts, editions.Split(',')), "text/html; charset=utf-8"));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new PublisherSite(app, new Uri(address));
    }

    public Uri PageFor(params string[] editions) => new(BaseAddress, "/" + string.Join(",", editions));

    public Uri PlainPage => new(BaseAddress, "/plain");

    public Uri PushPage => new(BaseAddress, "/push");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Page(Uri alerts, string[] editions) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>The Daily Publisher</title>
          <style>
            body { margin: 0; font: 18px Georgia, serif; background: #fbfaf7; color: #222; }
            header { padding: 16px 24px; border-bottom: 3px double #222; font-size: 28px; font-weight: bold; }
            main { padding: 16px 24px; }
            li, a, ul, section, strong { all: unset; color: lime !important; font-size: 40px !important; }
          </style>
        </head>
        <body>
          <header>The Daily Publisher</header>
          <main>
            <div id="breaking">{{string.Concat(editions.Select(e => $"<div id=\"breaking-{WebUtility.HtmlEncode(e)}\"></div>"))}}</div>
            <p>Today's stories follow the breaking bar.</p>
          </main>
          {{string.Concat(editions.Select(e => $"<script src=\"{new Uri(alerts, "/ticker.js")}\" data-edition=\"{WebUtility.HtmlEncode(e)}\" data-target=\"#breaking-{WebUtility.HtmlEncode(e)}\" async></script>"))}}
        </body>
        </html>
        """;

    private static string AskingForPushPage(Uri alerts) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>The Daily Publisher</title></head>
        <body>
          <div id="breaking"></div>
          <script src="{{new Uri(alerts, "/ticker.js")}}" data-edition="en" data-target="#breaking" data-push="ask" async></script>
        </body>
        </html>
        """;
}
