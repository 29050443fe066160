using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

public sealed class StoryOnGarnetTests : StoryTests
{
    protected override Task<AlertsNode> StartNodeAsync() => AlertsNode.StartAsync(null, "alerts");
}
