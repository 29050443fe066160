using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Desk;

/// <summary>One node on a real Redis, with the desk's keys and <c>editors</c> approval mode, shared by a test class.</summary>
public sealed class DeskNodeFixture : IAsyncLifetime
{
    private readonly RedisFixture _redis = new();
    private AlertsNode? _node;

    public AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _node = await AlertsNode.StartAsync(_redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: DeskKeyring.Settings(new Dictionary<string, string?> { ["Alerts:Approval:Mode"] = "editors" }));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
