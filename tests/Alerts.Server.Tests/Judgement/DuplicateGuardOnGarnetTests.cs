using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

public sealed class DuplicateGuardOnGarnetTests : DuplicateGuardTests
{
    protected override Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null) =>
        AlertsNode.StartAsync(null, "alerts", settings: settings);
}
