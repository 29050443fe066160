using Microsoft.Extensions.Options;
using Prometheus;

namespace Alerts.Server.Hosting;

/// <summary>
/// prometheus-net's own Kestrel server on <see cref="MetricsOptions.Port"/>. A server of its own
/// rather than another endpoint of the application's: an endpoint added in code would replace the
/// addresses given by <c>--urls</c> and <c>ASPNETCORE_HTTP_PORTS</c>, and a port check in the
/// application could be missed by the next middleware that answers first.
/// </summary>
internal sealed class MetricsServer(IOptions<MetricsOptions> options) : IHostedService
{
    private IMetricServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Port is { } port)
        {
            _server = new KestrelMetricServer(port, MetricsEndpoints.Path).Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }
}
