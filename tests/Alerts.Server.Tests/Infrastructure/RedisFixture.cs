namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// One <c>redis-server</c> shared by a test class (tests isolate themselves by key prefix), or the
/// server named by <c>ALERTS_TEST_REDIS</c>.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServerProcess? _process;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The process the fixture started, or null when the tests run against <c>ALERTS_TEST_REDIS</c>.</summary>
    public RedisServerProcess? Process => _process;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("ALERTS_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _process = await RedisServerProcess.StartAsync();
        ConnectionString = _process.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
