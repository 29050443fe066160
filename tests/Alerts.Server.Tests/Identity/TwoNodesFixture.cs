using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Identity;

/// <summary>Two nodes sharing one Redis, with the desk's configured keys, shared by a test class.</summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    private readonly RedisFixture _redis = new();

    public AlertsNode First { get; private set; } = null!;

    public AlertsNode Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var prefix = RedisFixture.NewPrefix();
        First = await AlertsNode.StartAsync(_redis.ConnectionString, prefix, settings: DeskKeyring.Settings());
        Second = await AlertsNode.StartAsync(_redis.ConnectionString, prefix, settings: DeskKeyring.Settings());
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
