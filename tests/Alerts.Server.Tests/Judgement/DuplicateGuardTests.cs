using System.Net;
using System.Text.Json;
using Alerts.Core.Duplicates;
using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Judgement;

/// <summary>The near-duplicate guard over HTTP, run against the embedded Garnet and a real Redis.</summary>
public abstract class DuplicateGuardTests : IAsyncLifetime
{
    private AlertsNode? _node;

    private AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<AlertsNode> StartNodeAsync(IDictionary<string, string?>? settings = null);

    public async Task InitializeAsync() => _node = await StartNodeAsync(GuardOn());

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task ARewordedLineIs409WithTheLineItRepeatsAndPublishesNothing()
    {
        var first = await Node.Editor.PublishAsync("en", "Gaza Ministry of Health: 12 Palestinians killed in Israeli strike on Rafah");

        using var response = await PostAsync(new { edition = "en", headline = "Israeli air strike on Rafah kills 12 Palestinians, Gaza health ministry says" });

        var problem = await ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.EndsWith("/near-duplicate", problem.GetProperty("type").GetString());
        Assert.Equal(first.Alert.Id, problem.GetProperty("duplicateOf").GetString());
        Assert.InRange(problem.GetProperty("similarity").GetDouble(), HeadlineSimilarity.DefaultThreshold, 1);
        Assert.Equal([first.Seq], await Node.Public.LogSeqsAsync("en"));
    }

    [Fact]
    public async Task AllowDuplicatePublishesItAnyway()
    {
        await Node.Editor.PublishAsync("en", "Explosion reported at oil refinery in Texas");

        var second = await Node.Editor.PublishAsync("en", "BREAKING: explosion reported at Texas oil refinery", new { allowDuplicate = true });

        Assert.Equal(2, second.Seq);
    }

    [Fact]
    public async Task ArabicLinesMatchAcrossDiacriticsLetterVariantsAndDigits()
    {
        var first = await Node.Editor.PublishAsync("ar", "مجلس الأمن يعقد جلسة طارئة بشأن السودان بعد مقتل 40 مدنيا");

        using var response = await PostAsync(new { edition = "ar", headline = "مجلسُ الامن يعقـد جلسةً طارئه بشأن السودان بعد مقتل ٤٠ مدنيا" });

        var problem = await ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(first.Alert.Id, problem.GetProperty("duplicateOf").GetString());
    }

    [Fact]
    public async Task SpanishLinesMatchWithOrWithoutAccents()
    {
        var first = await Node.Editor.PublishAsync("es", "Terremoto de magnitud 7,1 sacude el sur de México");

        using var response = await PostAsync(new { edition = "es", headline = "Un terremoto de magnitud 7.1 sacude el sur de Mexico" });

        var problem = await ReadProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(first.Alert.Id, problem.GetProperty("duplicateOf").GetString());
    }

    [Fact]
    public async Task ADifferentNumberIsNewsAndGoesOut()
    {
        await Node.Editor.PublishAsync("en", "4 soldiers killed in attack on army checkpoint in northern Mali");

        var second = await Node.Editor.PublishAsync("en", "5 soldiers killed in attack on army checkpoint in northern Mali");
        var spanish = await Node.Editor.PublishAsync("es", "Cinco soldados muertos en un ataque en el norte de Malí");
        var spanishAgain = await Node.Editor.PublishAsync("es", "Seis soldados muertos en un ataque en el norte de Malí");

        Assert.Equal(2, second.Seq);
        Assert.Equal([1L, 2L], [spanish.Seq, spanishAgain.Seq]);
    }

    [Fact]
    public async Task OnlyLiveLinesOfTheSameEditionCount()
    {
        var first = await Node.Editor.PublishAsync("en", "Pope Francis admitted to hospital in Rome");
        await Node.Editor.PublishAsync("es", "Pope Francis admitted to hospital in Rome");
        using (var retract = await Node.Editor.PostAsync($"/api/v1/alerts/{first.Alert.Id}/retract", Api.Json(new { reason = "Wrong" })))
        {
            Assert.Equal(HttpStatusCode.OK, retract.StatusCode);
        }

        var again = await Node.Editor.PublishAsync("en", "Pope Francis admitted to hospital in Rome");

        Assert.Equal(3, again.Seq);
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyReplaysInsteadOfBeingADuplicate()
    {
        var body = new { edition = "en", headline = "Magnitude 6.8 earthquake strikes off the coast of Japan" };

        using var first = await PostAsync(body, "quake-1");
        using var retry = await PostAsync(body, "quake-1");

        var published = await Api.ReadEventAsync(first, HttpStatusCode.Created);
        var replayed = await Api.ReadEventAsync(retry, HttpStatusCode.Created);
        Assert.Equal(published.Alert.Id, replayed.Alert.Id);
        using var another = await PostAsync(body, "quake-2");
        await ReadProblemAsync(another, HttpStatusCode.Conflict);
        using var allowed = await PostAsync(new { body.edition, body.headline, allowDuplicate = true }, "quake-2");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task TheWindowAndTheThresholdAreSettings()
    {
        await using var shortWindow = await StartNodeAsync(new Dictionary<string, string?> { ["Alerts:Duplicates:Window"] = "00:00:01" });
        await shortWindow.Editor.PublishAsync("en", "Ceasefire between Israel and Hezbollah takes effect");
        using (var tooSoon = await shortWindow.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "Ceasefire between Israel and Hezbollah takes effect" })))
        {
            await ReadProblemAsync(tooSoon, HttpStatusCode.Conflict);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await shortWindow.Editor.PublishAsync("en", "Ceasefire between Israel and Hezbollah takes effect");

        var strictSettings = GuardOn();
        strictSettings["Alerts:Duplicates:Threshold"] = "1";
        await using var strict = await StartNodeAsync(strictSettings);
        await strict.Editor.PublishAsync("en", "Ceasefire between Israel and Hezbollah takes effect");
        await strict.Editor.PublishAsync("en", "Israel-Hezbollah ceasefire takes effect");
        using var same = await strict.Editor.PostAsync("/api/v1/alerts", Api.Json(new { edition = "en", headline = "CEASEFIRE between Israel and Hezbollah takes effect!" }));
        await ReadProblemAsync(same, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AllowDuplicateMustBeABoolean()
    {
        using var response = await PostAsync(new { edition = "en", headline = "Polls close in UK general election", allowDuplicate = "yes" });

        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("allowDuplicate", out _));
        Assert.Empty(await Node.Public.LogSeqsAsync("en"));
    }

    /// <summary>The default window: the test harness turns the guard off for every other test.</summary>
    private static Dictionary<string, string?> GuardOn() => new() { ["Alerts:Duplicates:Window"] = "00:30:00" };

    private async Task<HttpResponseMessage> PostAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Api.Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Node.Editor.SendAsync(request);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
