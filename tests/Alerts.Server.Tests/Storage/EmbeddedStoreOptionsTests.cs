using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Storage;

public sealed class EmbeddedStoreOptionsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("Alerts:Embedded:CheckpointInterval", "00:00:00", "CheckpointInterval")]
    [InlineData("Alerts:Embedded:CheckpointInterval", "2.00:00:00", "CheckpointInterval")]
    [InlineData("Alerts:Embedded:CheckpointAofBytes", "1000", "CheckpointAofBytes")]
    [InlineData("Alerts:Embedded:MaxRegistrations", "0", "MaxRegistrations")]
    public async Task AnEmbeddedStoreSettingOutOfRangeFailsAtStart(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { [key] = value }))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(expected, error.Message);
    }
}
