using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Push.Fcm;

public sealed class PushConfigurationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ReadyzSaysPushIsDisabledUntilFcmIsConfigured()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());

        var ready = await node.Public.GetJsonAsync("/readyz").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("disabled", ready.GetProperty("push").GetString());
    }

    [Fact]
    public async Task ReadyzSaysPushIsEnabledOnceProjectAndKeyAreSet()
    {
        await using var fake = await FakeFcm.StartAsync();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: fake.Settings());

        var ready = await node.Public.GetJsonAsync("/readyz").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("enabled (topics)", ready.GetProperty("push").GetString());
    }

    [Fact]
    public async Task AProjectWithoutAKeyFileEnablesPushWithApplicationDefaultCredentialsAndAKeyFileWithoutAProjectFailsTheStart()
    {
        await using var fake = await FakeFcm.StartAsync();
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: new Dictionary<string, string?> { ["Alerts:Fcm:ProjectId"] = "alerts-test" });
        var ready = await node.Public.GetJsonAsync("/readyz").WaitAsync(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(),
            settings: new Dictionary<string, string?> { ["Alerts:Fcm:CredentialsFile"] = fake.WriteServiceAccountFile() }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal("enabled (topics)", ready.GetProperty("push").GetString());
        Assert.Contains("Alerts:Fcm:ProjectId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"type\": \"authorized_user\" }", "must be a service-account key")]
    [InlineData("not json", "is not JSON")]
    [InlineData("{ \"type\": \"service_account\", \"client_email\": \"a@b\", \"private_key\": \"nope\" }", "not a PEM RSA key")]
    public async Task ABadKeyFileFailsTheStartWithAClearMessage(string content, string expected)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, content);
        try
        {
            var settings = new Dictionary<string, string?> { ["Alerts:Fcm:ProjectId"] = "alerts-test", ["Alerts:Fcm:CredentialsFile"] = file };

            var error = await Assert.ThrowsAsync<OptionsValidationException>(
                () => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings).WaitAsync(TimeSpan.FromSeconds(20)));

            Assert.Contains("Alerts:Fcm:CredentialsFile", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
