using Alerts.Server.Hubs.Direct;

namespace Alerts.Server.Hubs;

/// <summary>
/// On shutdown, closes hub connections gracefully before the host fires ApplicationStopping, where
/// SignalR would abort them; HTTP requests in flight keep draining through Kestrel as usual.
/// </summary>
internal sealed class HubDrainService(DrainingHubLifetimeManager lifetimeManager, DirectConnections directConnections) : IHostedLifecycleService
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.WhenAll(
        lifetimeManager.CloseAllAsync(DrainTimeout, cancellationToken),
        directConnections.CloseAllAsync(DrainTimeout, cancellationToken));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
