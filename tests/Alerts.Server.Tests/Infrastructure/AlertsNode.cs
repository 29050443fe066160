using System.Net.Http.Headers;
using Alerts.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// One Alerts server in this process, on real Kestrel on a free loopback port. Several nodes may
/// share one Redis (same connection string and key prefix), as in production.
/// </summary>
public sealed class AlertsNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownedDataDir;

    private AlertsNode(WebApplication app, Uri baseAddress, string? ownedDataDir)
    {
        _app = app;
        _ownedDataDir = ownedDataDir;
        BaseAddress = baseAddress;
        Editor = NewClient(TestKeys.Editor);
        Public = NewClient(null);
    }

    public Uri BaseAddress { get; }

    /// <summary>An HTTP client that authenticates as the editor <see cref="TestKeys.EditorName"/>.</summary>
    public HttpClient Editor { get; }

    /// <summary>An HTTP client without credentials.</summary>
    public HttpClient Public { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a node on <paramref name="redis"/>, or on an embedded Garnet in <paramref name="dataDir"/> when it is null;
    /// <paramref name="keyPrefix"/> isolates tests sharing one Redis; <paramref name="settings"/> override configuration.
    /// </summary>
    public static async Task<AlertsNode> StartAsync(
        string? redis, string keyPrefix, string? dataDir = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var ownedDataDir = redis is null && dataDir is null ? Path.Combine(Path.GetTempPath(), "alerts-garnet-" + Guid.NewGuid().ToString("N")) : null;
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis ?? "",
            // With a Redis the embedded server never starts and the directory stays unused.
            ["Alerts:DataDir"] = dataDir ?? ownedDataDir ?? Path.GetTempPath(),
            ["Alerts:Redis:KeyPrefix"] = keyPrefix,
            [$"Alerts:ApiKeys:{TestKeys.EditorName}:Sha256"] = TestKeys.Sha256Of(TestKeys.Editor),
            [$"Alerts:ApiKeys:{TestKeys.EditorName}:Role"] = "editor",
            [$"Alerts:ApiKeys:{TestKeys.AdminName}:Sha256"] = TestKeys.Sha256Of(TestKeys.Admin),
            [$"Alerts:ApiKeys:{TestKeys.AdminName}:Role"] = "admin",
            ["Alerts:Fanout:ConsistencyCheckInterval"] = "00:00:00.500",
            // Off: most tests publish short made-up lines ("Before the restart", "After the restart")
            // that the near-duplicate guard takes for one line; the Judgement tests turn it on.
            ["Alerts:Duplicates:Window"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = AlertsApplication.Create(["--urls", "http://127.0.0.1:0", "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddFilter(level => level >= LogLevel.Warning).AddSimpleConsole();
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AlertsNode(app, new Uri(address), ownedDataDir);
    }

    /// <summary>A SignalR client for the hub, not yet started; JSON protocol, WebSockets.</summary>
    public HubConnection NewHubConnection(bool automaticReconnect = false, HubRoute route = HubRoute.Direct)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/alerts"), options =>
        {
            if (route == HubRoute.Direct)
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            }
        });
        if (automaticReconnect)
        {
            builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]);
        }

        return builder.Build();
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
    }

    /// <summary>
    /// Disposes without stopping first: background services get no graceful stop, which is how
    /// tests simulate a crashed node. Call <see cref="StopAsync"/> first for a graceful shutdown.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Editor.Dispose();
        Public.Dispose();
        await _app.DisposeAsync();
        if (_ownedDataDir is not null)
        {
            Directory.Delete(_ownedDataDir, recursive: true);
        }
    }

    private HttpClient NewClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
