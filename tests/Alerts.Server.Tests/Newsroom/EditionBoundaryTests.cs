using System.Net;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// Nothing that is not public crosses an edition boundary: preview, test sends, the audience, stories and story
/// retractions judge the key against every edition they touch; refusals are audited with an edition that exists.
/// </summary>
public sealed class EditionBoundaryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private Task<AlertsNode> StartNodeAsync(int refusalsPerMinute = 30) =>
        AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings(new Dictionary<string, string?>
        {
            ["Alerts:Duplicates:Window"] = "00:30:00",
            ["Alerts:Audit:RefusalsPerKeyPerMinute"] = refusalsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    [Fact]
    public async Task APreviewATestSendAndTheAudienceOfAnotherEditionAreRefusedAndShowNoEmbargoedLine()
    {
        await using var node = await StartNodeAsync();
        using var enEditor = node.ClientAs(EnEditor);
        using var arEditor = node.ClientAs(ArEditor);
        await enEditor.SubmitWaitingAsync("en", "Embargoed: the central bank raises rates to 6%", new { publishAt = DeskApi.In(3600) }, "scheduled");
        var probe = DeskApi.Body("en", "Embargoed: the central bank raises rates to 6%");

        var previewed = await arEditor.SendAsync(HttpMethod.Post, "/api/v1/alerts/preview", probe);
        var testSent = await arEditor.SendAsync(HttpMethod.Post, "/api/v1/alerts/preview?send=test", probe);
        var audience = await arEditor.SendAsync(HttpMethod.Get, "/api/v1/editions/en/audience");
        var ownPreview = await enEditor.SendAsync(HttpMethod.Post, "/api/v1/alerts/preview", probe);

        Assert.Equal(HttpStatusCode.Forbidden, previewed.Status);
        Assert.DoesNotContain("central bank", previewed.Body.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, testSent.Status);
        Assert.Equal(HttpStatusCode.Forbidden, audience.Status);
        Assert.Equal(HttpStatusCode.OK, ownPreview.Status);
        Assert.Single(ownPreview.Body.GetProperty("nearDuplicates").EnumerateArray());
    }

    [Fact]
    public async Task AReadOfAForbiddenEditionIsRefusedAndAuditedBeforeItsBodyIsValidated()
    {
        await using var node = await StartNodeAsync();
        using var arEditor = node.ClientAs(ArEditor);
        using var boss = node.ClientAs(Boss);
        var invalid = new { edition = "en", headline = "", urgency = "apocalyptic" };

        var previewed = await arEditor.SendAsync(HttpMethod.Post, "/api/v1/alerts/preview", invalid);
        var testSent = await arEditor.SendAsync(HttpMethod.Post, "/api/v1/alerts/preview?send=test", invalid);
        var audience = await arEditor.SendAsync(HttpMethod.Get, "/api/v1/editions/en/audience?urgency=apocalyptic");

        Assert.Equal(HttpStatusCode.Forbidden, previewed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, testSent.Status);
        Assert.Equal(HttpStatusCode.Forbidden, audience.Status);
        var audit = await boss.GetJsonAsync("/api/v1/audit?after=0&limit=1000");
        var refused = audit.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() == ArEditor && e.GetProperty("edition").GetString() == "en")
            .Select(e => e.GetProperty("detail").GetString()!.Split(':')[0])
            .Order(StringComparer.Ordinal);
        Assert.Equal(["audience", "preview", "test send"], refused);
    }

    [Fact]
    public async Task AStoryShowsOtherEditionsOnlyAsThePublicSeesThem()
    {
        await using var node = await StartNodeAsync();
        using var enEditor = node.ClientAs(EnEditor);
        using var arEditor = node.ClientAs(ArEditor);
        var en = await enEditor.PublishNowAsync("en", "Ceasefire agreed in the north", new { storyId = "ceasefire-north" });
        await arEditor.PublishNowAsync("ar", "اتفاق على وقف إطلاق النار في الشمال", new { storyId = "ceasefire-north" });
        Assert.Equal(HttpStatusCode.OK, (await enEditor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{en}/retract", new { reason = "Source withdrew the claim" })).Status);

        var story = await arEditor.GetJsonAsync("/api/v1/stories/ceasefire-north");

        var text = story.ToString();
        Assert.DoesNotContain("Source withdrew", text);
        Assert.DoesNotContain("Ceasefire agreed", text);
        Assert.Contains("اتفاق على وقف", text);
        Assert.Equal(2, story.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task AStoryRetractionNamedThroughAForbiddenEditionChangesNothing()
    {
        await using var node = await StartNodeAsync();
        using var enEditor = node.ClientAs(EnEditor);
        using var arEditor = node.ClientAs(ArEditor);
        var ar = await arEditor.PublishNowAsync("ar", "زلزال يضرب الساحل", new { storyId = "quake-coast" });
        var en = await enEditor.PublishNowAsync("en", "Earthquake hits the coast", new { storyId = "quake-coast" });

        var refused = await arEditor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{en}/retract", new { reason = "Wrong", story = true });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("published", (await node.Public.GetJsonAsync($"/api/v1/alerts/{ar}")).GetProperty("status").GetString());
        Assert.Equal("published", (await node.Public.GetJsonAsync($"/api/v1/alerts/{en}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARefusalIsAuditedWithAnEditionThatExistsAndAtMostSoManyAMinutePerKey()
    {
        await using var node = await StartNodeAsync(refusalsPerMinute: 3);
        using var editor = node.ClientAs(EnEditor);
        using var boss = node.ClientAs(Boss);

        for (var attempt = 0; attempt < 8; attempt++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Get, "/api/v1/audit?edition=zz-injected")).Status);
        }

        var audit = await boss.GetJsonAsync("/api/v1/audit?after=0&limit=1000");
        var refusals = audit.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("actor").GetString() == EnEditor).ToList();
        Assert.All(refusals, e => Assert.Equal("unknown", e.GetProperty("edition").GetString()));
        // Eight attempts in at most two minutes of the clock: three each.
        Assert.InRange(refusals.Count, 3, 6);
    }
}
