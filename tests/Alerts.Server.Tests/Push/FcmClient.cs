using Alerts.Server.Push.Fcm;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Push;

/// <summary>The production FCM client pointed at a fake, for tests of the client on its own.</summary>
internal sealed class FcmClient : IDisposable
{
    private readonly FcmCredentials _credentials;

    public FcmClient(FakeFcm fake, string? credentialsFile = null, Uri? tokenUrl = null)
    {
        var options = Options.Create(new FcmOptions
        {
            ProjectId = FakeFcm.ProjectId,
            CredentialsFile = credentialsFile ?? fake.WriteServiceAccountFile(),
            BaseUrl = fake.BaseUrl,
            TokenUrl = tokenUrl,
            InstanceIdBaseUrl = fake.BaseUrl,
            RequestTimeout = TimeSpan.FromSeconds(10),
            HttpVersion = fake.Protocol == Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2 ? "2" : null,
        });
        _credentials = new FcmCredentials(options);
        Messaging = new FcmHttpClient(_credentials, options);
    }

    public FcmHttpClient Messaging { get; }

    public void Dispose()
    {
        Messaging.Dispose();
        _credentials.Dispose();
    }
}
