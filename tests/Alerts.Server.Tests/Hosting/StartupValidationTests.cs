using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Hosting;

public sealed class StartupValidationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("Alerts:ApiKeys:desk:Sha256", "not-hex", "Sha256 must be 64 lower-case hex digits")]
    [InlineData("Alerts:ApiKeys:desk:Role", "owner", "Role must be 'editor', 'chief' or 'admin'")]
    [InlineData("Alerts:ApiKeys:desk:Editions:0", "fr", "Alerts:ApiKeys:desk:Editions: 'fr' is not an edition")]
    [InlineData("Alerts:Approval:Mode", "sometimes", "Mode must be 'off', 'editors' or 'two-person'")]
    [InlineData("Alerts:Approval:Scope", "phones", "Scope must be 'push' or 'all'")]
    [InlineData("Alerts:Scheduler:IdleCheckInterval", "00:20:00", "IdleCheckInterval")]
    [InlineData("Alerts:Audit:Retention", "00:01:00", "Retention")]
    [InlineData("Alerts:Sections:0", "Bad Section", "section 'Bad Section' must be lower-case slugs")]
    [InlineData("Alerts:Editions:fr:Direction", "sideways", "Direction must be 'ltr' or 'rtl'")]
    [InlineData("Alerts:Redis:Retention", "5", "Retention")]
    [InlineData("Alerts:TickerTtl", "00:00:00", "TickerTtl")]
    [InlineData("Alerts:Redis:KeyPrefix", "has space", "KeyPrefix")]
    public async Task ABadSettingFailsAtStartWithAClearMessage(string key, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task WaitReplicasOnTheEmbeddedServerFailsAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AlertsNode.StartAsync(null, "alerts", settings: new Dictionary<string, string?> { ["Alerts:Redis:WaitReplicas"] = "1" }));

        Assert.Contains("needs a replicated Redis", error.Message);
    }

    [Fact]
    public async Task AWaitTimeoutLongerThanTheOperationTimeoutFailsAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?>
            {
                ["Alerts:Redis:WaitReplicas"] = "1",
                ["Alerts:Redis:WaitTimeout"] = "00:00:05",
            }));

        Assert.Contains("WaitTimeout must be shorter", error.Message);
    }
}
