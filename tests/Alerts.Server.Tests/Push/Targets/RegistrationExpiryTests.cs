using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Push.Targets;

[Collection(ProcessWideMetrics.Name)]
public sealed partial class RegistrationExpiryTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task InTopicsModeARegistrationNotRenewedExpiresAndLeavesItsTopicsWhileARenewedOneStays()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, new Dictionary<string, string?> { ["Alerts:Push:RegistrationTtl"] = "00:00:03" });
        await node.RegisterAsync("forgotten");
        await node.RegisterAsync("renewed");
        await PushNodes.UntilAsync(async () => await RegisteredAsync(node) == 2, "the registry size in /metrics");

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(1_000);
            await node.RegisterAsync("renewed");
        }

        await PushNodes.UntilAsync(async () => !await node.IsRegisteredAsync("forgotten"), "the unrenewed registration to expire");
        await PushNodes.UntilAsync(() => _fake.TopicCalls.Any(c => c.Action == "batchRemove"), "its topic subscription to be removed");
        Assert.True(await node.IsRegisteredAsync("renewed"));
        Assert.Equal(["forgotten"], _fake.TopicCalls.Where(c => c.Action == "batchRemove").SelectMany(c => c.Tokens).Distinct());
        await PushNodes.UntilAsync(async () => await RegisteredAsync(node) == 1, "the registry size in /metrics to drop");
    }

    private static async Task<double> RegisteredAsync(AlertsNode node)
    {
        var match = RegisteredLine().Match(await node.Public.GetStringAsync("/metrics").WaitAsync(TimeSpan.FromSeconds(10)));
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex("""^alerts_push_registered_devices\{edition="en"\} (\S+)$""", RegexOptions.Multiline)]
    private static partial Regex RegisteredLine();
}
