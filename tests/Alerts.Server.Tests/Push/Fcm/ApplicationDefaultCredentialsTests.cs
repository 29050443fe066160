using Alerts.Server.Push.Fcm;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Push.Fcm;

public sealed class ApplicationDefaultCredentialsTests : IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    // Google.Apis.Auth looks the default credentials up once per process, so this is the only test that uses them.
    [Fact]
    public async Task WithoutACredentialsFileTheClientUsesGoogleApplicationCredentials()
    {
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", _fake.WriteServiceAccountFile());
        var options = Options.Create(new FcmOptions
        {
            ProjectId = FakeFcm.ProjectId,
            BaseUrl = _fake.BaseUrl,
            InstanceIdBaseUrl = _fake.BaseUrl,
            HttpVersion = "2",
        });
        using var credentials = new FcmCredentials(options);
        using var client = new FcmHttpClient(credentials, options);

        await client.SendAsync(new Message { Token = "device-1", Data = new Dictionary<string, string> { ["alertId"] = "01J0" } }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _fake.TokenRequests);
        Assert.Equal(["device-1"], _fake.AcceptedTokens());
    }
}
