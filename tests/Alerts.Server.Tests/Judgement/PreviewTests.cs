using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Alerts.Server.Tests.Push.Fake;

namespace Alerts.Server.Tests.Judgement;

public sealed class PreviewTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> WithTestPhones = new()
    {
        ["Alerts:Push:Mode"] = "devices",
        ["Alerts:Push:TestTokens:0"] = "test-phone-1",
        ["Alerts:Push:TestTokens:1"] = "test-phone-2",
    };

    private FakeFcm _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeFcm.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task APreviewShowsTheAlertTheTickerLineAndThePushAsSentCheckedByFcmAndChangesNothing()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, WithTestPhones);
        await node.RegisterAsync("reader");

        var preview = await PreviewAsync(node, "", new { edition = "en", headline = "Polls close", push = true, urgency = "flash", image = "https://cdn.example.com/p.jpg" });

        Assert.Equal("Polls close", preview.GetProperty("alert").GetProperty("headline").GetString());
        Assert.Equal("BREAKING", preview.GetProperty("ticker").GetProperty("label").GetString());
        var push = preview.GetProperty("push");
        var message = Assert.Single(push.GetProperty("messages").EnumerateArray()).GetProperty("message");
        Assert.Equal("Polls close", message.GetProperty("notification").GetProperty("body").GetString());
        Assert.Equal("https://cdn.example.com/p.jpg", message.GetProperty("notification").GetProperty("image").GetString());
        Assert.Equal("valid", push.GetProperty("validation").GetString());
        Assert.Equal(1, _fake.ValidatedCount);
        await Task.Delay(500);
        Assert.Empty(_fake.Received);
        Assert.Empty(await node.Editor.LogSeqsAsync("en"));
    }

    [Fact]
    public async Task SendTestReachesOnlyTheTestDevicesMarkedAsATest()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, WithTestPhones);
        await node.RegisterAsync("reader");

        var preview = await PreviewAsync(node, "?send=test", new { edition = "en", headline = "Test run", push = true });

        Assert.Equal(2, preview.GetProperty("push").GetProperty("test").GetProperty("accepted").GetInt32());
        Assert.Equal(["test-phone-1", "test-phone-2"], _fake.Accepted.Select(s => s.Token).Order());
        Assert.All(_fake.Accepted, s =>
        {
            Assert.Equal("1", s.Message.GetProperty("data").GetProperty("test").GetString());
            Assert.StartsWith("[TEST]", s.Message.GetProperty("notification").GetProperty("title").GetString(), StringComparison.Ordinal);
        });
        await Task.Delay(500);
        Assert.DoesNotContain(_fake.Received, s => s.Token == "reader");
        Assert.Empty(await node.Editor.LogSeqsAsync("en"));
    }

    [Fact]
    public async Task APreviewNamesTheNearDuplicatesItWouldBeRefusedFor()
    {
        var guardOn = new Dictionary<string, string?>(WithTestPhones) { ["Alerts:Duplicates:Window"] = "00:30:00" };
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, guardOn);
        var first = await node.Editor.PublishAsync("en", "Gaza Ministry of Health: 12 Palestinians killed in Israeli strike on Rafah");
        await node.Editor.PublishAsync("en", "Parliament passes budget after all-night session");

        var repeat = await PreviewAsync(node, "", new { edition = "en", headline = "Israeli air strike on Rafah kills 12 Palestinians, Gaza health ministry says" });
        var fresh = await PreviewAsync(node, "", new { edition = "en", headline = "Polls close in Ohio" });

        var match = Assert.Single(repeat.GetProperty("nearDuplicates").EnumerateArray());
        Assert.Equal(first.Alert.Id, match.GetProperty("id").GetString());
        Assert.Equal(first.Alert.Headline, match.GetProperty("headline").GetString());
        Assert.InRange(match.GetProperty("similarity").GetDouble(), Alerts.Core.Duplicates.HeadlineSimilarity.DefaultThreshold, 1);
        Assert.Empty(fresh.GetProperty("nearDuplicates").EnumerateArray());
        Assert.Equal(2, (await node.Editor.LogSeqsAsync("en")).Count);
    }

    [Fact]
    public async Task APreviewCountsTheDevicesItsSectionsAndUrgencyWouldReach()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, WithTestPhones);
        await node.RegisterAsync("everything-en");
        await node.RegisterAsync("politics-en", extra: new { sections = new[] { "politics" } });
        await node.RegisterAsync("health-en", extra: new { sections = new[] { "health" } });
        await node.RegisterAsync("flash-only-en", extra: new { minUrgency = "flash" });
        await node.RegisterAsync("everything-ar", edition: "ar");

        var politics = await PreviewAsync(node, "", new { edition = "en", headline = "Cabinet reshuffle announced", sections = new[] { "politics" }, urgency = "update", push = true });

        var audience = politics.GetProperty("audience");
        Assert.Equal("devices", audience.GetProperty("devices").GetProperty("mode").GetString());
        Assert.Equal(2, audience.GetProperty("devices").GetProperty("count").GetInt64());
        Assert.Equal(0, audience.GetProperty("liveReaders").GetInt64());
    }

    [Fact]
    public async Task APreviewSaysWhetherThisKeysPostWouldWaitForApproval()
    {
        var editorsWait = DeskKeyring.Settings(new Dictionary<string, string?>(WithTestPhones) { ["Alerts:Approval:Mode"] = "editors" });
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, editorsWait);
        using var editor = node.ClientAs(DeskKeyring.EnEditor);
        using var chief = node.ClientAs(DeskKeyring.EnChief);
        var body = new { edition = "en", headline = "Polls close in Ohio", push = true };

        using var byEditor = await editor.PostAsync("/api/v1/alerts/preview", Api.Json(body));
        using var byChief = await chief.PostAsync("/api/v1/alerts/preview", Api.Json(body));

        Assert.True(JsonDocument.Parse(await byEditor.Content.ReadAsStringAsync()).RootElement.GetProperty("approvalRequired").GetBoolean());
        Assert.False(JsonDocument.Parse(await byChief.Content.ReadAsStringAsync()).RootElement.GetProperty("approvalRequired").GetBoolean());
        Assert.Empty(await node.Editor.LogSeqsAsync("en"));
    }

    [Fact]
    public async Task APreviewNeedsAnEditorKeyAndAValidBody()
    {
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), _fake, WithTestPhones);

        using var anonymous = await node.Public.PostJsonAsync("/api/v1/alerts/preview", new { edition = "en", headline = "x" });
        using var invalid = await node.Editor.PostJsonAsync("/api/v1/alerts/preview", new { edition = "xx", headline = "" });
        using var badSend = await node.Editor.PostJsonAsync("/api/v1/alerts/preview?send=everyone", new { edition = "en", headline = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSend.StatusCode);
        Assert.Empty(_fake.Received);
    }

    private static async Task<JsonElement> PreviewAsync(AlertsNode node, string query, object body)
    {
        using var response = await node.Editor.PostJsonAsync($"/api/v1/alerts/preview{query}", body).WaitAsync(TimeSpan.FromSeconds(20));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
