using System.Text.Json.Nodes;

namespace Alerts.Server.Tests.Hosting;

/// <summary>
/// The runtime settings the node ships with, read from its <c>runtimeconfig.json</c> (built beside the tests): each
/// was measured against the runtime's default (docs/benchmarks.md) and is easily lost in a project-file tidy-up.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void PoolThreadsOutOfWorkSleepWithoutSpinning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Alerts.Server.runtimeconfig.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"];

        Assert.Equal(0, settings?["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.GetValue<int>());
    }
}
