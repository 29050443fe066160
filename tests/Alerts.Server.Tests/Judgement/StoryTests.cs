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
