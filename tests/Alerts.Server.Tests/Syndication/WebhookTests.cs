using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Tests.Syndication;

/// <summary>Webhooks to real receivers (Kestrel apps in this process), with short retry delays.</summary>
public sealed class WebhookTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9E5/6QoYJ7Q=";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryEventOfTheWebhooksEditionsArrivesInOrderWithAStandardWebhooksSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartNodeAsync(RedisFixture.NewPrefix(), Hook("wire", receiver.Url, editions: ["en"]));

        var first = await node.Editor.PublishAsync("en", "First to the wire");
        await node.Editor.PublishAsync("es", "No va al cable");
        await node.Editor.PublishAsync("en", "Second to the wire");
        (await node.Editor.PatchJsonAsync($"/api/v1/alerts/{first.Alert.Id}", new { headline = "First to the wire, corrected" })).EnsureSuccessStatusCode();

        await receiver.WaitForAsync(r => r.Count >= 3, Timeout, "three events");
        await Task.Delay(300);
        var received = receiver.Received;
        Assert.Equal([1L, 2, 3], received.Select(r => r.Seq));
        Assert.Equal(["published", "published", "corrected"], received.Select(r => r.Event.GetProperty("type").GetString()));
        Assert.All(received, r => Assert.Equal("en", r.Event.GetProperty("edition").GetString()));
        Assert.All(received, r => Assert.Equal("application/json", r.ContentType?.Split(';')[0]));
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());

        var verifier = new StandardWebhooksVerifier(Secret);
        Assert.All(received, r => Assert.True(verifier.Verify(r, DateTimeOffset.UtcNow), $"{r.Id} does not verify."));
        Assert.False(new StandardWebhooksVerifier("whsec_" + Convert.ToBase64String(new byte[32])).Verify(received[0], DateTimeOffset.UtcNow));
        Assert.False(verifier.Verify(received[0] with { Body = [.. received[0].Body, (byte)' '] }, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task AWebhookForRetractionsGetsOnlyThoseAndNeverTheWithdrawnHeadline()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartNodeAsync(RedisFixture.NewPrefix(), Hook("withdrawals", receiver.Url, types: ["retracted"]));

        var alert = await node.Editor.PublishAsync("ar", "خبر سيسحب");
        await node.Editor.PublishAsync("ar", "خبر باق");
        (await node.Editor.PostJsonAsync($"/api/v1/alerts/{alert.Alert.Id}/retract", new { reason = "Wrong figure" })).EnsureSuccessStatusCode();

        await receiver.WaitForAsync(r => r.Count >= 1, Timeout, "the retraction");
        await Task.Delay(300);
        var retraction = Assert.Single(receiver.Received);
        Assert.Equal("retracted", retraction.Event.GetProperty("type").GetString());
        Assert.Equal(alert.Alert.Id, retraction.Event.GetProperty("alert").GetProperty("id").GetString());
        var body = System.Text.Encoding.UTF8.GetString(retraction.Body);
        Assert.DoesNotContain("سيسحب", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong figure", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiverFailingTwiceGetsTheSameEventAThirdTimeAndAdminsSeeEachAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(answer: n => n <= 2 ? 500 : 200);
        await using var node = await StartNodeAsync(RedisFixture.NewPrefix(), Hook("flaky", receiver.Url));

        var published = await node.Editor.PublishAsync("en", "Third time lucky");

        await receiver.WaitForAsync(r => r.Count >= 3, Timeout, "three attempts");
        var attempts = receiver.Received;
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => Assert.True(new StandardWebhooksVerifier(Secret).Verify(a, DateTimeOffset.UtcNow)));

        using var admin = new HttpClient { BaseAddress = node.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);
        var report = await WaitForDeliveredAsync(admin, "flaky");
        var log = report.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(["delivered", "failed", "failed"], log.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal([3, 2, 1], log.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal([200, 500, 500], log.Select(d => d.GetProperty("status").GetInt32()));
        Assert.All(log, d => Assert.Equal(published.Alert.Id, d.GetProperty("alertId").GetString()));
        Assert.Equal(1, report.GetProperty("cursors").GetProperty("en").GetInt64());

        using var asEditor = await node.Editor.GetAsync("/api/v1/webhooks/flaky/deliveries");
        Assert.Equal(HttpStatusCode.Forbidden, asEditor.StatusCode);
        using var unknown = await admin.GetAsync("/api/v1/webhooks/nope/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TwoNodesDeliverEachEventOnceAndTheSecondCarriesOnWhenTheFirstStops()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = await StartNodeAsync(prefix, Hook("shared", receiver.Url, editions: ["en"]));
        await using var second = await StartNodeAsync(prefix, Hook("shared", receiver.Url, editions: ["en"]));

        for (var i = 1; i <= 10; i++)
        {
            await (i % 2 == 0 ? first : second).Editor.PublishAsync("en", $"Line {i}");
        }

        await receiver.WaitForAsync(r => r.Count >= 10, Timeout, "ten events");
        await first.StopAsync();
        await first.DisposeAsync();
        for (var i = 11; i <= 13; i++)
        {
            await second.Editor.PublishAsync("en", $"Line {i}");
        }

        await receiver.WaitForAsync(r => r.Count >= 13, Timeout, "thirteen events");
        // Room for a duplicate to show up, if either node were going to send one.
        await Task.Delay(1000);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), receiver.Received.Select(r => r.Seq));
    }

    [Fact]
    public async Task AReceiverThatWasDownCatchesUpInOrder()
    {
        var listening = await WebhookReceiver.StartAsync();
        var url = listening.Url;
        await listening.DisposeAsync();
        await using var node = await StartNodeAsync(RedisFixture.NewPrefix(), Hook("outage", url, editions: ["en"]));
        for (var i = 1; i <= 5; i++)
        {
            await node.Editor.PublishAsync("en", $"Published while the receiver is down, {i}");
        }

        // Long enough for several refused attempts at the capped delay.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await using var receiver = await WebhookReceiver.StartAsync(port: url.Port);

        await receiver.WaitForAsync(r => r.Count >= 5, Timeout, "the five events");
        await Task.Delay(300);
        Assert.Equal([1L, 2, 3, 4, 5], receiver.Received.Select(r => r.Seq));

        using var admin = new HttpClient { BaseAddress = node.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);
        var log = (await admin.GetJsonAsync("/api/v1/webhooks/outage/deliveries?limit=500")).GetProperty("deliveries").EnumerateArray().ToList();
        var refused = log.Where(d => d.GetProperty("seq").GetInt64() == 1 && d.GetProperty("outcome").GetString() == "failed").ToList();
        Assert.True(refused.Count >= 3, $"Expected several refused attempts of seq 1, saw {refused.Count}.");
        Assert.All(refused, d => Assert.False(d.TryGetProperty("status", out _)));
    }

    [Fact]
    public async Task TheEmbeddedGarnetRunsTheLeaseAndCursorScripts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(answer: n => n == 1 ? 503 : 200);
        await using var node = await AlertsNode.StartAsync(null, "alerts", settings: Hook("embedded", receiver.Url, editions: ["es"]));

        await node.Editor.PublishAsync("es", "Primera");
        await node.Editor.PublishAsync("es", "Segunda");

        await receiver.WaitForAsync(r => r.Count(a => a.Status == 200) >= 2, Timeout, "two deliveries");
        Assert.Equal([1L, 1, 2], receiver.Received.Select(r => r.Seq));
    }

    [Theory]
    [InlineData("Secret", "not-a-secret", "Secret must be 'whsec_' followed by base64")]
    [InlineData("Secret", "whsec_c2hvcnQ=", "must decode to 24 to 64 bytes")]
    [InlineData("Url", "ftp://example.com/hook", "Url must be an absolute http or https URL")]
    [InlineData("Editions:0", "fr", "'fr' is not an edition")]
    [InlineData("Types:0", "deleted", "'deleted' is not an event type")]
    public async Task ABadWebhookFailsAtStartWithAClearMessage(string field, string value, string expected)
    {
        var settings = Hook("bad", new Uri("http://127.0.0.1:9/hook"));
        settings[$"Alerts:Webhooks:bad:{field}"] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: settings));

        Assert.Contains(expected, error.Message);
    }

    private Task<AlertsNode> StartNodeAsync(string prefix, Dictionary<string, string?> settings) =>
        AlertsNode.StartAsync(redis.ConnectionString, prefix, settings: settings);

    private static Dictionary<string, string?> Hook(string name, Uri url, string[]? editions = null, string[]? types = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Alerts:Webhooks:{name}:Url"] = url.ToString(),
            [$"Alerts:Webhooks:{name}:Secret"] = Secret,
            ["Alerts:WebhookDelivery:FirstRetryDelay"] = "00:00:00.100",
            ["Alerts:WebhookDelivery:MaxRetryDelay"] = "00:00:00.400",
            ["Alerts:WebhookDelivery:PollInterval"] = "00:00:00.050",
            ["Alerts:WebhookDelivery:RequestTimeout"] = "00:00:01",
            ["Alerts:WebhookDelivery:LeaseDuration"] = "00:00:02",
        };
        for (var i = 0; i < (editions ?? []).Length; i++)
        {
            settings[$"Alerts:Webhooks:{name}:Editions:{i}"] = editions![i];
        }

        for (var i = 0; i < (types ?? []).Length; i++)
        {
            settings[$"Alerts:Webhooks:{name}:Types:{i}"] = types![i];
        }

        return settings;
    }

    private static async Task<JsonElement> WaitForDeliveredAsync(HttpClient admin, string webhook)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var report = await admin.GetJsonAsync($"/api/v1/webhooks/{webhook}/deliveries");
            if (report.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("outcome").GetString() == "delivered") || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(50);
        }
    }
}
