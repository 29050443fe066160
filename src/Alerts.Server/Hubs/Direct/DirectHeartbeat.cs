namespace Alerts.Server.Hubs.Direct;

/// <summary>One timer for every direct connection, instead of one per connection: pings and timeouts, once a second.</summary>
internal sealed class DirectHeartbeat(DirectConnections connections, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            connections.Tick();
        }
    }
}
