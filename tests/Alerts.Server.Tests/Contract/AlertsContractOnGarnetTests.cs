using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Contract;

/// <summary>The contract on the embedded default: Garnet in-process, a fresh data directory per test.</summary>
public sealed class AlertsContractOnGarnetTests : AlertsContractTests
{
    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null) =>
        AlertsNode.StartAsync(null, "alerts", settings: settings);
}
