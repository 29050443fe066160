using Alerts.Server.Outbox;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Outbox;

/// <summary>Each outlet's outbox settings are one <see cref="OutletOptions"/>, read from the outlet's own section under the keys it always had.</summary>
public sealed class OutletOptionsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("fcm", "Alerts:Push")]
    [InlineData("webpush", "Alerts:WebPush")]
    [InlineData("webhooks", "Alerts:WebhookDelivery")]
    public async Task EachOutletReadsItsOwnSectionsKeys(string outlet, string section)
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
        {
            [$"{section}:LeaseDuration"] = "00:00:25",
            [$"{section}:PollInterval"] = "00:00:00.300",
            [$"{section}:IdleCheckInterval"] = "00:00:07",
            [$"{section}:DeliveryLogLength"] = "42",
        });

        var options = node.Services.GetRequiredService<IOptionsMonitor<OutletOptions>>().Get(outlet);

        Assert.Equal(
            (TimeSpan.FromSeconds(25), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(7), 42),
            (options.LeaseDuration, options.PollInterval, options.IdleCheckInterval, options.DeliveryLogLength));
    }

    [Fact]
    public async Task AnIdleCheckIntervalOfNothingFailsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:WebhookDelivery:IdleCheckInterval"] = "00:00:00" })
            .WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("IdleCheckInterval", error.Message);
    }

    [Theory]
    [InlineData("Alerts:Push")]
    [InlineData("Alerts:WebPush")]
    [InlineData("Alerts:WebhookDelivery")]
    public async Task ABadOutletSettingFailsTheStartNamingTheSection(string section)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { [$"{section}:FirstRetryDelay"] = "00:10:00", [$"{section}:MaxRetryDelay"] = "00:01:00" })
            .WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains($"{section}:MaxRetryDelay must not be shorter than FirstRetryDelay", error.Message);
    }
}
