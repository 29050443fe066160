using System.Net;
using System.Net.Http.Headers;
using Alerts.Core.Alerts;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Contract;

/// <summary>
/// The public contract, run once against the embedded Garnet and once against a real Redis:
/// the same StackExchange.Redis code must behave the same on both.
/// </summary>
public abstract class AlertsContractTests : IAsyncLifetime
{
    private AlertsNode? _node;

    protected AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null);

    public async Task InitializeAsync() => _node = await StartNodeAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task PublishingReturnsTheEventWithLocationAndServerAssignedFields()
    {
        using var response = await Node.Editor.PostAsync("/api/v1/alerts", Api.Json(new
        {
            edition = "en", headline = "  Central bank raises rates  ", url = "https://news.example/a?b=1", urgency = "flash",
            sections = new[] { "economy" }, regions = new[] { "europe" }, push = true,
        }));

        var published = await Api.ReadEventAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/alerts/{published.Alert.Id}", response.Headers.Location?.ToString());
        Assert.Equal(1, published.Seq);
        Assert.Equal(AlertEventType.Published, published.Type);
        Assert.Equal("Central bank raises rates", published.Alert.Headline);
        Assert.Equal(Urgency.Flash, published.Alert.Urgency);
        Assert.Equal(TestKeys.EditorName, published.Alert.Author);
        Assert.Equal(AlertStatus.Published, published.Alert.Status);
        Assert.Equal(1, published.Alert.Version);
        Assert.Equal(26, published.Alert.Id.Length);
        Assert.True(published.Alert.ExpiresAt > published.Alert.PublishedAt.AddHours(5));
    }

    [Fact]
    public async Task SeqsArePerEditionAndStartAtOne()
    {
        var en1 = await Node.Editor.PublishAsync("en", "First English line");
        var ar1 = await Node.Editor.PublishAsync("ar", "خبر عاجل أول");
        var en2 = await Node.Editor.PublishAsync("en", "Second English line");

        Assert.Equal([1L, 1L, 2L], [en1.Seq, ar1.Seq, en2.Seq]);
        var editions = await Node.Public.GetJsonAsync("/api/v1/editions");
        var latest = editions.GetProperty("editions").EnumerateArray()
            .ToDictionary(e => e.GetProperty("key").GetString()!, e => e.GetProperty("latestSeq").GetInt64());
        Assert.Equal(2, latest["en"]);
        Assert.Equal(1, latest["ar"]);
        Assert.Equal(0, latest["es"]);
    }

    [Fact]
    public async Task EditionsListLabelsDirectionsSectionsAndRegions()
    {
        var body = await Node.Public.GetJsonAsync("/api/v1/editions");

        var ar = body.GetProperty("editions").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "ar");
        Assert.Equal("rtl", ar.GetProperty("direction").GetString());
        Assert.Equal("عاجل", ar.GetProperty("breakingLabel").GetString());
        Assert.Contains("arts-culture", body.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("latin-america", body.GetProperty("regions").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task ACorrectionBumpsTheVersionAndIsTheNextEvent()
    {
        var published = await Node.Editor.PublishAsync("en", "Minister resigns", new { url = "https://news.example/1" });

        using var response = await Node.Editor.PatchJsonAsync($"/api/v1/alerts/{published.Alert.Id}", new { headline = "Defence minister resigns" });

        var corrected = await Api.ReadEventAsync(response, HttpStatusCode.OK);
        Assert.Equal(AlertEventType.Corrected, corrected.Type);
        Assert.Equal(published.Seq + 1, corrected.Seq);
        Assert.Equal(2, corrected.Alert.Version);
        Assert.Equal("Defence minister resigns", corrected.Alert.Headline);
        Assert.Equal("https://news.example/1", corrected.Alert.Url);
        var current = await Node.Public.GetJsonAsync($"/api/v1/alerts/{published.Alert.Id}");
        Assert.Equal("corrected", current.GetProperty("status").GetString());
        Assert.Equal("Defence minister resigns", current.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task ARetractedAlertLeavesTheTickerAndCannotBeChangedAgain()
    {
        var kept = await Node.Editor.PublishAsync("es", "Terremoto en Chile");
        var wrong = await Node.Editor.PublishAsync("es", "Dato erróneo");

        using var retract = await Node.Editor.PostJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}/retract", new { reason = "Unverified" });
        var retracted = await Api.ReadEventAsync(retract, HttpStatusCode.OK);

        Assert.Equal(AlertEventType.Retracted, retracted.Type);
        Assert.Equal("Unverified", retracted.Alert.RetractionReason);
        var ticker = await Node.Public.GetJsonAsync("/api/v1/editions/es/ticker");
        Assert.Equal([kept.Alert.Id], ticker.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        using var again = await Node.Editor.PostJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}/retract", new { reason = "Twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var correct = await Node.Editor.PatchJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}", new { headline = "Revived" });
        Assert.Equal(HttpStatusCode.Conflict, correct.StatusCode);
    }

    [Fact]
    public async Task ARetractionRemovesTheContentFromEveryPublicReadAndEditorsKeepIt()
    {
        await using var early = await TickerClient.ConnectAsync(Node);
        await early.SubscribeAsync("en", null);
        var kept = await Node.Editor.PublishAsync("en", "Kept line stays whole");
        var wrong = await Node.Editor.PublishAsync("en", "SECRET first wording", new { url = "https://news.example/SECRET", image = "https://news.example/SECRET.jpg" });
        using (var correct = await Node.Editor.PatchJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}", new { headline = "SECRET second wording" }))
        {
            await Api.ReadEventAsync(correct, HttpStatusCode.OK);
        }

        using var retract = await Node.Editor.PostJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}/retract",
            new { reason = "SECRET source burned", publicNote = "This alert was withdrawn." });
        var answered = await Api.ReadEventAsync(retract, HttpStatusCode.OK);

        // The editor who retracted gets the full record back.
        Assert.Equal(("SECRET second wording", "SECRET source burned", "This alert was withdrawn."),
            (answered.Alert.Headline, answered.Alert.RetractionReason, answered.Alert.PublicNote));

        // Public reads: the alert, its whole history in the log (earlier events too), the ticker.
        using var alert = await Node.Public.GetAsync($"/api/v1/alerts/{wrong.Alert.Id}");
        var alertJson = await alert.Content.ReadAsStringAsync();
        var events = await (await Node.Public.GetAsync("/api/v1/editions/en/events?after=0")).Content.ReadAsStringAsync();
        var ticker = await (await Node.Public.GetAsync("/api/v1/editions/en/ticker")).Content.ReadAsStringAsync();
        foreach (var body in new[] { alertJson, events, ticker })
        {
            Assert.DoesNotContain("SECRET", body);
        }

        var publicAlert = System.Text.Json.JsonDocument.Parse(alertJson).RootElement;
        Assert.Equal(
            ["id", "edition", "urgency", "sections", "regions", "push", "status", "publishedAt", "updatedAt", "expiresAt", "version", "publicNote"],
            publicAlert.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("retracted", 2, "This alert was withdrawn."),
            (publicAlert.GetProperty("status").GetString(), publicAlert.GetProperty("version").GetInt32(), publicAlert.GetProperty("publicNote").GetString()));
        var log = System.Text.Json.JsonDocument.Parse(events).RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["published", "published", "corrected", "retracted"], log.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2, 3, 4], log.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal("Kept line stays whole", log[0].GetProperty("alert").GetProperty("headline").GetString());
        Assert.Contains("Kept line stays whole", ticker);

        // Editors keep the full record.
        var forEditors = await Node.Editor.GetJsonAsync($"/api/v1/alerts/{wrong.Alert.Id}");
        Assert.Equal(("SECRET second wording", "SECRET source burned"),
            (forEditors.GetProperty("headline").GetString(), forEditors.GetProperty("retractionReason").GetString()));

        // The hub: live, the retracted event carries no content; replayed from the start, neither do the earlier events.
        await early.WaitForSeqAsync("en", 4);
        await using var late = await TickerClient.ConnectAsync(Node);
        await late.SubscribeAsync("en", 0);
        await late.WaitForSeqAsync("en", 4);
        foreach (var received in early.Received.Where(e => e.Type == AlertEventType.Retracted).Concat(late.Received.Where(e => e.Alert.Id == wrong.Alert.Id)))
        {
            Assert.Equal(("", null, "", AlertStatus.Retracted), (received.Alert.Headline, received.Alert.Url, received.Alert.Author, received.Alert.Status));
        }

        Assert.Equal(kept.Alert.Headline, late.Received.Single(e => e.Alert.Id == kept.Alert.Id).Alert.Headline);
    }

    [Fact]
    public async Task AnInvisiblePublicNoteIsAProblemAndRetractsNothing()
    {
        var line = await Node.Editor.PublishAsync("en", "Still standing");

        using var retract = await Node.Editor.PostJsonAsync($"/api/v1/alerts/{line.Alert.Id}/retract", new { reason = "Wrong", publicNote = "\u200b" });

        Assert.Equal(HttpStatusCode.BadRequest, retract.StatusCode);
        Assert.Contains("publicNote", await retract.Content.ReadAsStringAsync());
        Assert.Equal("published", (await Node.Public.GetJsonAsync($"/api/v1/alerts/{line.Alert.Id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task EventsPageOldestFirstWithinTheLimit()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Node.Editor.PublishAsync("en", $"Line {i}");
        }

        var page = await Node.Public.GetJsonAsync("/api/v1/editions/en/events?after=2&limit=2");

        Assert.Equal([3L, 4L], page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(5, page.GetProperty("latestSeq").GetInt64());
        Assert.Equal(1, page.GetProperty("oldestSeq").GetInt64());
        Assert.False(page.TryGetProperty("reset", out _));
    }

    [Fact]
    public async Task TheTickerIsNewestFirstWithAStrongETagThatAnswers304()
    {
        await Node.Editor.PublishAsync("en", "Older line");
        var newer = await Node.Editor.PublishAsync("en", "Newer line");

        using var first = await Node.Public.GetAsync("/api/v1/editions/en/ticker");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Contains("public", first.Headers.CacheControl!.ToString());
        var body = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(newer.Alert.Id, body.GetProperty("alerts")[0].GetProperty("id").GetString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/ticker");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Node.Public.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await Node.Editor.PublishAsync("en", "Newest line");
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/en/ticker");
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await Node.Public.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task AnIdempotentRetryReturnsTheFirstResponseAndPublishesOnce()
    {
        var body = new { edition = "en", headline = "Election called" };

        using var first = await PostWithKeyAsync("key-1", body);
        using var retry = await PostWithKeyAsync("key-1", body);
        using var otherBody = await PostWithKeyAsync("key-1", new { edition = "en", headline = "Something else" });

        var original = await Api.ReadEventAsync(first, HttpStatusCode.Created);
        var replayed = await Api.ReadEventAsync(retry, HttpStatusCode.Created);
        Assert.Equal(original.Alert.Id, replayed.Alert.Id);
        Assert.Equal(original.Seq, replayed.Seq);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal([original.Seq], await Node.Public.LogSeqsAsync("en"));
    }

    [Fact]
    public async Task TheSameIdempotencyKeyOfAnotherEditorIsAnotherRequest()
    {
        using var admin = new HttpClient { BaseAddress = Node.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);
        var body = Api.Json(new { edition = "en", headline = "Same key, two desks" });

        using var fromEditor = await SendWithKeyAsync(Node.Editor, "shared", body);
        using var fromAdmin = await SendWithKeyAsync(admin, "shared", Api.Json(new { edition = "en", headline = "Same key, two desks" }));

        Assert.Equal(HttpStatusCode.Created, fromEditor.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromAdmin.StatusCode);
        Assert.Equal(2, (await Node.Public.LogSeqsAsync("en")).Count);
    }

    [Fact]
    public async Task RetentionKeepsTheNewestEventsAndAnOlderAfterGetsAReset()
    {
        await using var node = await StartNodeAsync(new Dictionary<string, string?> { ["Alerts:Redis:Retention"] = "100" });
        for (var i = 1; i <= 103; i++)
        {
            await node.Editor.PublishAsync("en", $"Line {i}");
        }

        var current = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=3&limit=2");
        var tooOld = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=2");

        Assert.Equal([4L, 5L], current.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(4, current.GetProperty("oldestSeq").GetInt64());
        Assert.True(tooOld.GetProperty("reset").GetBoolean());
        Assert.Empty(tooOld.GetProperty("events").EnumerateArray());
        Assert.Equal(103, tooOld.GetProperty("latestSeq").GetInt64());
        Assert.Equal("Line 103", tooOld.GetProperty("ticker")[0].GetProperty("headline").GetString());
    }

    [Fact]
    public async Task ReadinessAndLivenessAnswer()
    {
        var ready = await Node.Public.GetJsonAsync("/readyz");
        var alive = await Node.Public.GetJsonAsync("/healthz");

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("alive", alive.GetProperty("status").GetString());
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string key, object body) => SendWithKeyAsync(Node.Editor, key, Api.Json(body));

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = body };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
