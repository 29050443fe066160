using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Syndication;

/// <summary>
/// A webhook receiver on real Kestrel: records every request and answers with the status
/// its answer function picks for it (by the order it arrived in, from 1; 204 without one). A test can hold
/// requests before they are answered (<c>hold</c>), and then drop them unanswered and unrecorded, as if their
/// sender had died.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received;

    private WebhookReceiver(WebApplication app, Uri url, List<ReceivedWebhook> received)
    {
        _app = app;
        _received = received;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts on <paramref name="port"/> (0: any free one); <paramref name="received"/> carries on a stopped receiver's record.</summary>
    public static async Task<WebhookReceiver> StartAsync(
        Func<int, int>? answer = null, int port = 0, IReadOnlyList<ReceivedWebhook>? received = null, Func<Task<bool>>? hold = null, TimeSpan? retryAfter = null)
    {
        var record = new List<ReceivedWebhook>(received ?? []);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks/alerts", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (hold is not null && await hold())
            {
                request.HttpContext.Abort();
                return Results.Empty;
            }

            int status;
            lock (record)
            {
                status = (answer ?? (_ => 204))(record.Count + 1);
                record.Add(new ReceivedWebhook(
                    request.Headers["webhook-id"].ToString(),
                    request.Headers["webhook-timestamp"].ToString(),
                    request.Headers["webhook-signature"].ToString(),
                    request.ContentType,
                    body.ToArray(),
                    status));
            }

            if (retryAfter is { } wait && status is < 200 or >= 300)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new WebhookReceiver(app, new Uri(address, "/hooks/alerts"), record);
    }

    /// <summary>Waits until the record satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Received))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {timeout} for {what}; received {Received.Count}: {string.Join(", ", Received.Select(r => $"{r.Id}→{r.Status}"))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
