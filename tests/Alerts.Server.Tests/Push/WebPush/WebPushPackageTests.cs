using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Push.WebPush;

/// <summary>
/// Cross-checks the strict fake push service, which judges our sender in every Web Push test, with the sender most
/// Node.js sites use: npm's <c>web-push</c> (web-push-sender/). What it sends under RFC 8291 and 8292 the fake
/// accepts and decrypts to the same bytes; what it encrypts for other keys the fake refuses.
/// </summary>
public sealed class WebPushPackageTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string SenderDirectory = RepositoryRoot.Combine("tests", "Alerts.Server.Tests", "Push", "WebPush", "web-push-sender");
    private FakePushService _service = null!;

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(SenderDirectory, "node_modules", "web-push")))
        {
            (await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], SenderDirectory, TimeSpan.FromMinutes(2))).AssertSucceeded("npm ci");
        }

        _service = await FakePushService.StartAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task TheFakePushServiceAcceptsAndDecryptsWhatNpmsWebPushSends()
    {
        var browser = _service.Subscribe();
        using var vapid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = """{"web_push":8030,"notification":{"title":"BREAKING","body":"Sent by web-push","tag":"a1"},"alert":{"id":"a1","type":"published"}}""";

        var status = await SendAsync(browser.Json, vapid, payload);

        Assert.Equal("201", status);
        var message = Assert.Single(_service.Accepted);
        Assert.Equal(JsonDocument.Parse(payload).RootElement.GetRawText(), message.Payload.GetRawText());
        Assert.Equal(PublicKey(vapid), message.VapidKey);
        Assert.Equal(("a1", "high", 60L), (message.Topic, message.Urgency, message.Ttl));
    }

    [Fact]
    public async Task TheFakePushServiceRefusesWhatWebPushEncryptedForAnotherBrowsersKeys()
    {
        var (browser, other) = (_service.Subscribe(), _service.Subscribe());
        using var vapid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var misaddressed = new
        {
            endpoint = browser.Endpoint.ToString(),
            keys = new { p256dh = Base64Url.EncodeToString(other.PublicKey), auth = Base64Url.EncodeToString(other.Auth) },
        };

        var status = await SendAsync(misaddressed, vapid, """{"notification":{"title":"BREAKING","body":"For someone else"}}""");

        Assert.Equal("400", status);
        Assert.Empty(_service.Accepted);
    }

    private async Task<string> SendAsync(object subscription, ECDsa vapid, string payload)
    {
        var request = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(request, JsonSerializer.Serialize(new
            {
                subscription,
                vapid = new { subject = "mailto:desk@example.org", publicKey = PublicKey(vapid), privateKey = Base64Url.EncodeToString(vapid.ExportParameters(true).D) },
                payload,
                topic = "a1",
                urgency = "high",
                ttl = 60,
                caPem = _service.Certificate.ExportCertificatePem(),
            }));
            var outcome = (await Shell.RunAsync("node", ["send.js", request], SenderDirectory, Timeout)).AssertSucceeded("node send.js");
            return outcome.Output.Trim();
        }
        finally
        {
            File.Delete(request);
        }
    }

    private static string PublicKey(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([4, .. q.X!, .. q.Y!]);
    }
}
