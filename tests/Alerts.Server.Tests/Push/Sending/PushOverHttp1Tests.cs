using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push.Fake;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Alerts.Server.Tests.Push.Sending;

/// <summary>A push end to end through an FCM endpoint that speaks only HTTP/1.1 (an emulator or a proxy), with an image, and the metric it moves.</summary>
public sealed partial class PushOverHttp1Tests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync(HttpProtocols.Http1);

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task AnAlertWithAnImageIsPushedOverHttp1AndCountedInMetrics()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, new Dictionary<string, string?> { ["Alerts:Push:Mode"] = "devices" });
        await node.RegisterAsync("phone-1");
        await node.RegisterAsync("phone-2");
        var before = await AcceptedSendsAsync(node);

        var published = await node.Editor.PublishAsync("en", "With a picture", new { push = true, image = "https://cdn.example.com/p.jpg" });

        await PushNodes.UntilAsync(() => _fake.Accepted.Count >= 2, "the pushes");
        await PushNodes.UntilAsync(async () => await AcceptedSendsAsync(node) >= before + 2, "alerts_push_sends_total to count them");
        Assert.All(_fake.SendProtocols, p => Assert.Equal("HTTP/1.1", p));
        Assert.All(_fake.Accepted, s =>
        {
            Assert.Equal("https://cdn.example.com/p.jpg", s.Message.GetProperty("notification").GetProperty("image").GetString());
            Assert.Equal(published.Alert.Id, s.Message.GetProperty("fcm_options").GetProperty("analytics_label").GetString());
        });
    }

    [Fact]
    public async Task AnImageThatIsNotHttpsIsRefusedAndNothingIsPublished()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake);

        using var response = await node.Editor.PostJsonAsync("/api/v1/alerts", new { edition = "en", headline = "Picture", push = true, image = "http://cdn.example.com/p.jpg" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("image", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await node.Editor.LogSeqsAsync("en"));
    }

    private static async Task<double> AcceptedSendsAsync(AlertsNode node)
    {
        var text = await node.Public.GetStringAsync("/metrics").WaitAsync(TimeSpan.FromSeconds(10));
        var match = AcceptedLine().Match(text);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^alerts_push_sends_total\{result="accepted"\} (\S+)$""", RegexOptions.Multiline)]
    private static partial Regex AcceptedLine();
}
