using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Desk;

/// <summary>The desk on the embedded default: Garnet in-process, a fresh data directory per test.</summary>
public sealed class DeskFlowOnGarnetTests : DeskFlowTests
{
    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?> settings) =>
        AlertsNode.StartAsync(null, "alerts", settings: settings);
}
