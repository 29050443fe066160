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
/// purpose: the ticker's Shadow DOM must keep it out.
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

    /// <summary>The page <c>/{edition}</c> embeds that edition's ticker from <paramref name="alerts"/>.</summary>
    public static async Task<PublisherSite> StartAsync(Uri alerts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/{edition}", (string edition) => Results.Content(Page(alerts, edition), "text/html; charset=utf-8"));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new PublisherSite(app, new Uri(address));
    }

    public Uri PageFor(string edition) => new(BaseAddress, "/" + edition);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Page(Uri alerts, string edition) => $$"""
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
            <div id="breaking"></div>
            <p>Today's stories follow the breaking bar.</p>
          </main>
          <script src="{{new Uri(alerts, "/ticker.js")}}" data-edition="{{WebUtility.HtmlEncode(edition)}}" data-target="#breaking" async></script>
        </body>
        </html>
        """;
}
