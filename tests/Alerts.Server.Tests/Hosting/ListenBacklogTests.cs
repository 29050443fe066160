using System.Globalization;
using Alerts.Server.Hosting;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hosting;

/// <summary>Every reader reconnects at once after a deploy: the node's listener must hold them until it accepts.</summary>
public sealed class ListenBacklogTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task TheListenerHoldsAsManyPendingConnectionsAsTheKernelAllows()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        // ss shows a listening socket's backlog as its Send-Q: "LISTEN 0 4096 127.0.0.1:port 0.0.0.0:*".
        var listener = (await Shell.RunAsync("ss", ["-ltnH", $"sport = :{node.BaseAddress.Port}"], Path.GetTempPath(), TimeSpan.FromSeconds(10)))
            .AssertSucceeded("ss").Output;
        var backlog = int.Parse(listener.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        var kernelCap = int.Parse(await File.ReadAllTextAsync("/proc/sys/net/core/somaxconn"), CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(HostingExtensions.ListenBacklog, kernelCap), backlog);
    }
}
