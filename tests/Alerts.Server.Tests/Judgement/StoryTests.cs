using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

/// <summary>storyId links the versions of one story across editions; GET /api/v1/stories/{storyId} lists them.</summary>
public abstract class StoryTests : IAsyncLifetime
{
    private AlertsNode? _node;

    private AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<AlertsNode> StartNodeAsync();

    public async Task InitializeAsync() => _node = await StartNodeAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStoryListsItsVersionsInEveryEditionOldestFirst()
    {
        var english = await Node.Editor.PublishAsync("en", "Magnitude 6.8 earthquake strikes off Japan", new { storyId = "quake-japan" });
        var arabic = await Node.Editor.PublishAsync("ar", "زلزال بقوة 6.8 درجات يضرب قبالة اليابان", new { storyId = "quake-japan" });
        await Node.Editor.PublishAsync("es", "Terremoto en Chile", new { storyId = "quake-chile" });
        using (var retract = await Node.Editor.PostAsync($"/api/v1/alerts/{arabic.Alert.Id}/retract", Api.Json(new { reason = "Wrong magnitude" })))
        {
            Assert.Equal(HttpStatusCode.OK, retract.StatusCode);
        }

        var story = await Node.Editor.GetJsonAsync("/api/v1/stories/quake-japan");

        Assert.Equal("quake-japan", story.GetProperty("storyId").GetString());
        var alerts = story.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal([english.Alert.Id, arabic.Alert.Id], alerts.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(["en", "ar"], alerts.Select(a => a.GetProperty("edition").GetString()));
        Assert.Equal(["published", "retracted"], alerts.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal("quake-japan", (await Node.Public.GetJsonAsync($"/api/v1/alerts/{english.Alert.Id}")).GetProperty("storyId").GetString());
    }

    [Fact]
    public async Task TheFirstAlertsIdCanNameItsStory()
    {
        var first = await Node.Editor.PublishAsync("en", "Volcano erupts on Iceland's Reykjanes peninsula");
        var sibling = await Node.Editor.PublishAsync("es", "Entra en erupción un volcán en la península de Reykjanes", new { storyId = first.Alert.Id });

        var story = await Node.Editor.GetJsonAsync($"/api/v1/stories/{first.Alert.Id}");

        Assert.Equal([first.Alert.Id, sibling.Alert.Id], story.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task RetractingWithStoryRetractsEveryLiveVersionAndAnswersWithTheirEvents()
    {
        var english = await Node.Editor.PublishAsync("en", "Dam bursts in eastern Libya", new { storyId = "derna-dam" });
        var arabic = await Node.Editor.PublishAsync("ar", "انهيار سد في شرق ليبيا", new { storyId = "derna-dam" });
        var spanish = await Node.Editor.PublishAsync("es", "Se rompe una presa en el este de Libia", new { storyId = "derna-dam" });
        var other = await Node.Editor.PublishAsync("en", "Floods hit Benghazi", new { storyId = "benghazi-floods" });
        using (var first = await Node.Editor.PostAsync($"/api/v1/alerts/{spanish.Alert.Id}/retract", Api.Json(new { reason = "Unconfirmed" })))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var response = await Node.Editor.PostAsync($"/api/v1/alerts/{arabic.Alert.Id}/retract", Api.Json(new { reason = "Unconfirmed", story = true }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("derna-dam", answer.GetProperty("storyId").GetString());
        var events = answer.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal([english.Alert.Id, arabic.Alert.Id], events.Select(e => e.GetProperty("alert").GetProperty("id").GetString()));
        Assert.All(events, e => Assert.Equal("retracted", e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal("Unconfirmed", e.GetProperty("alert").GetProperty("retractionReason").GetString()));
        var story = await Node.Editor.GetJsonAsync("/api/v1/stories/derna-dam");
        Assert.All(story.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("retracted", a.GetProperty("status").GetString()));
        Assert.Equal("published", (await Node.Public.GetJsonAsync($"/api/v1/alerts/{other.Alert.Id}")).GetProperty("status").GetString());

        using var again = await Node.Editor.PostAsync($"/api/v1/alerts/{english.Alert.Id}/retract", Api.Json(new { reason = "Unconfirmed", story = true }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AStoryRetractionWithoutAReasonChangesNothing()
    {
        var english = await Node.Editor.PublishAsync("en", "Ceasefire agreed in Sudan", new { storyId = "sudan-truce" });
        await Node.Editor.PublishAsync("ar", "الاتفاق على وقف لإطلاق النار في السودان", new { storyId = "sudan-truce" });

        using var noReason = await Node.Editor.PostAsync($"/api/v1/alerts/{english.Alert.Id}/retract", Api.Json(new { story = true }));
        using var badStory = await Node.Editor.PostAsync($"/api/v1/alerts/{english.Alert.Id}/retract", Api.Json(new { reason = "x", story = "yes" }));
        using var unknown = await Node.Editor.PostAsync("/api/v1/alerts/01NOSUCHALERT/retract", Api.Json(new { reason = "x", story = true }));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var story = await Node.Editor.GetJsonAsync("/api/v1/stories/sudan-truce");
        Assert.All(story.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("published", a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task BadOrUnknownStoriesAreClearProblems()
    {
        using var badPost = await Node.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "Polls close", storyId = "two words" }));
        using var unknown = await Node.Editor.GetAsync("/api/v1/stories/never-told");
        using var badId = await Node.Editor.GetAsync("/api/v1/stories/" + new string('x', 65));
        using var anonymous = await Node.Public.GetAsync("/api/v1/stories/never-told");

        Assert.Equal(HttpStatusCode.BadRequest, badPost.StatusCode);
        Assert.True(JsonDocument.Parse(await badPost.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("storyId", out _));
        Assert.Empty(await Node.Public.LogSeqsAsync("en"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
