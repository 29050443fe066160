using System.Runtime.InteropServices;
using Alerts.Server.Hubs;

namespace Alerts.Server.Hosting;

/// <summary>
/// Replaces the console lifetime so SIGTERM and Ctrl+C first close hub connections gracefully and
/// only then stop the host. The default lifetime fires ApplicationStopping straight from the
/// signal, and SignalR aborts every connection on that event before anything else may run.
/// </summary>
internal sealed class DrainingConsoleLifetime(
    IHostApplicationLifetime applicationLifetime, DrainingHubLifetimeManager hubConnections, ILogger<DrainingConsoleLifetime> logger)
    : IHostLifetime, IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registrations.ForEach(r => r.Dispose());

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        HostingLog.ShuttingDown(logger, context.Signal.ToString(), hubConnections.ConnectionCount);
        _ = Task.Run(async () =>
        {
            try
            {
                await hubConnections.CloseAllAsync(DrainTimeout, CancellationToken.None);
            }
            finally
            {
                applicationLifetime.StopApplication();
            }
        });
    }
}
