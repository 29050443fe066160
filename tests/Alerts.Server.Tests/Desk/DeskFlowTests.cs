using System.Net;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>
/// Approval, waiting edits and the audit trail, run once on the embedded Garnet and once on a real Redis: the
/// desk's scripts must behave the same on both. Two-person mode: every alert with push waits for a second key.
/// </summary>
public abstract class DeskFlowTests : IAsyncLifetime
{
    private AlertsNode? _node;

    protected AlertsNode Node => _node ?? throw new InvalidOperationException("Not started.");

    protected abstract Task<AlertsNode> StartNodeAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync() => _node = await StartNodeAsync(Settings(new Dictionary<string, string?>
    {
        ["Alerts:Approval:Mode"] = "two-person",
        // Long enough for a loaded machine to finish a test's steps, short enough to watch an expiry.
        ["Alerts:Approval:Timeout"] = "00:00:05",
    }));

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task AKeyNeverApprovesItsOwnAlert()
    {
        using var chief = Node.ClientAs(EnChief);
        var id = await chief.SubmitWaitingAsync("en", "Chief's own flash", new { push = true });

        var (status, problem) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("own alert", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Node.Public.LatestSeqAsync("en"));
        var pending = await chief.GetJsonAsync("/api/v1/alerts?status=pending&edition=en");
        Assert.Equal([id], pending.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("pending", (await chief.GetJsonAsync($"/api/v1/alerts/{id}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Node.Public.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Node.ClientAs(ArChief).SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
    }

    [Fact]
    public async Task TwoChiefsApprovingAtOnceGetOneCreatedAndOneConflict()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        using var chief2 = Node.ClientAs(EnChief2);
        for (var round = 1; round <= 5; round++)
        {
            var id = await editor.SubmitWaitingAsync("en", $"Round {round} of the race", new { push = true });

            var answers = await Task.WhenAll(
                chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve"),
                chief2.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve"));

            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
            var published = answers.Single(a => a.Status == HttpStatusCode.Created).Body;
            var alert = published.GetProperty("alert");
            Assert.Equal(published.GetProperty("actor").GetString(), alert.GetProperty("approvedBy").GetString());
            Assert.Equal((EnEditor, EnEditor), (alert.GetProperty("author").GetString(), alert.GetProperty("submittedBy").GetString()));
            Assert.Equal(round, await Node.Public.LatestSeqAsync("en"));
            Assert.Equal(HttpStatusCode.OK, (await Node.Public.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
        }
    }

    [Fact]
    public async Task APendingAlertNobodyApprovesExpires()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        var id = await editor.SubmitWaitingAsync("en", "Waits for nobody", new { push = true });

        await WaitUntilAsync(async () => (await editor.HistoryAsync(id)).Contains(("expired", "scheduler")), TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Conflict, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status);
        Assert.Empty((await editor.GetJsonAsync("/api/v1/alerts?status=pending")).GetProperty("alerts").EnumerateArray());
        Assert.Equal(0, await Node.Public.LatestSeqAsync("en"));
    }

    [Fact]
    public async Task TheDecisionsSayHowEachWaitEndedByWhomOnlyInTheKeysEditionsAndThenOnlyWhatIsNew()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        var approved = await editor.SubmitWaitingAsync("en", "Approved line", new { push = true });
        Assert.Equal(HttpStatusCode.Created, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{approved}/approve")).Status);
        var rejected = await editor.SubmitWaitingAsync("en", "Rejected line", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{rejected}/reject", new { reason = "Needs a second source" })).Status);
        var cancelled = await editor.SubmitWaitingAsync("en", "Cancelled line", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{cancelled}/cancel")).Status);
        var arabic = await Node.ClientAs(ArEditor).SubmitWaitingAsync("ar", "خبر مرفوض", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await Node.ClientAs(ArChief).SendAsync(HttpMethod.Post, $"/api/v1/alerts/{arabic}/reject", new { reason = "لا" })).Status);
        await editor.PublishNowAsync("en", "Direct line, never waited");

        var first = await editor.GetJsonAsync("/api/v1/decisions");
        var decisions = first.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(
            [(approved, "approved", EnChief), (approved, "published", EnChief), (rejected, "rejected", EnChief), (cancelled, "cancelled", EnEditor)],
            decisions.Select(d => (d.GetProperty("alertId").GetString(), d.GetProperty("action").GetString(), d.GetProperty("actor").GetString())));
        var rejection = decisions[2];
        Assert.Equal("Needs a second source", rejection.GetProperty("detail").GetString());
        Assert.Equal("Rejected line", rejection.GetProperty("alert").GetProperty("headline").GetString());
        Assert.Equal(EnEditor, rejection.GetProperty("alert").GetProperty("submittedBy").GetString());

        var next = first.GetProperty("next").GetInt64();
        Assert.Empty((await editor.GetJsonAsync($"/api/v1/decisions?after={next}")).GetProperty("decisions").EnumerateArray());
        var later = await editor.SubmitWaitingAsync("en", "Cancelled later", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{later}/cancel")).Status);
        var news = (await editor.GetJsonAsync($"/api/v1/decisions?after={next}")).GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal([(later, "cancelled")], news.Select(d => (d.GetProperty("alertId").GetString(), d.GetProperty("action").GetString())));

        Assert.Equal(5, (await editor.GetJsonAsync("/api/v1/alerts")).GetProperty("approvalTimeoutSeconds").GetInt64());
        var arabicOnly = (await Node.ClientAs(ArChief).GetJsonAsync("/api/v1/decisions")).GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal([arabic], arabicOnly.Select(d => d.GetProperty("alertId").GetString()));
        Assert.Empty((await editor.GetJsonAsync($"/api/v1/decisions?since={DateTime.UtcNow.AddMinutes(5):O}")).GetProperty("decisions").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SendAsync(HttpMethod.Get, "/api/v1/decisions?since=yesterday")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Get, "/api/v1/decisions?edition=ar")).Status);
    }

    [Fact]
    public async Task ARejectedAlertEndsAndCannotBeApprovedAfterwards()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        var id = await editor.SubmitWaitingAsync("en", "Not confirmed yet", new { push = true });

        var (status, rejected) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/reject", new { reason = "Needs a second source" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Node.ClientAs(EnChief2).SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/reject", new { })).Status);
        Assert.Equal(0, await Node.Public.LatestSeqAsync("en"));
    }

    [Fact]
    public async Task AnApprovedScheduledAlertGoesOutAtItsTime()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        var publishAt = DeskApi.In(2);
        var id = await editor.SubmitWaitingAsync("en", "Verdict at noon", new { push = true, publishAt });

        var (status, approved) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("scheduled", approved.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Node.Public.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}")).Status);
        await WaitUntilAsync(async () => await Node.Public.LatestSeqAsync("en") == 1, TimeSpan.FromSeconds(5));
        var alert = await Node.Public.GetJsonAsync($"/api/v1/alerts/{id}");
        Assert.True(alert.GetProperty("publishedAt").GetDateTimeOffset() >= DateTimeOffset.Parse(publishAt, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            [("submitted", EnEditor), ("approved", EnChief), ("scheduled", EnChief), ("published", EnChief)],
            await editor.HistoryAsync(id));
    }

    [Fact]
    public async Task EditingAWaitingAlertChangesItWithoutAnEvent()
    {
        using var editor = Node.ClientAs(EnEditor);
        var id = await editor.SubmitWaitingAsync("en", "Embargoed statement", new { publishAt = DeskApi.In(600) }, expectedStatus: "scheduled");

        var (status, edited) = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Embargoed statement, revised", publishAt = DeskApi.In(900) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Embargoed statement, revised", "scheduled"), (edited.GetProperty("headline").GetString(), edited.GetProperty("status").GetString()));
        // Adding push makes it need a second person, even after it was scheduled.
        var (_, repending) = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { push = true });
        Assert.Equal("pending", repending.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { publishAt = DeskApi.In(-5) })).Status);
        var (cancelStatus, cancelled) = await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/cancel");
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelStatus, cancelled.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/cancel")).Status);
        Assert.Equal(0, await Node.Public.LatestSeqAsync("en"));

        var published = await editor.PublishNowAsync("en", "Published line");
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{published}/cancel")).Status);
    }

    [Fact]
    public async Task ARetriedSubmissionWithTheSameIdempotencyKeyWaitsOnce()
    {
        using var editor = Node.ClientAs(EnEditor);
        var body = DeskApi.Body("en", "Retried over a flaky line", new { push = true });

        async Task<(HttpStatusCode Status, string? Id, bool Replayed)> SubmitAsync(object sent)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Api.Json(sent) };
            request.Headers.Add("Idempotency-Key", "retry-0001");
            using var response = await editor.SendAsync(request);
            var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (response.StatusCode, json.TryGetProperty("id", out var id) ? id.GetString() : null, response.Headers.Contains("Idempotent-Replayed"));
        }

        var first = await SubmitAsync(body);
        var retry = await SubmitAsync(body);
        var reused = await SubmitAsync(DeskApi.Body("en", "Another line under the same key", new { push = true }));

        Assert.Equal((HttpStatusCode.Accepted, false), (first.Status, first.Replayed));
        Assert.Equal((HttpStatusCode.Accepted, first.Id, true), (retry.Status, retry.Id, retry.Replayed));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        var audit = await Node.ClientAs(Boss).GetJsonAsync("/api/v1/audit?after=0");
        Assert.Single(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "submitted");
    }

    [Fact]
    public async Task TheAuditLogReadsBackAScriptedSequenceInOrderWithItsActors()
    {
        using var editor = Node.ClientAs(EnEditor);
        using var chief = Node.ClientAs(EnChief);
        using var arEditor = Node.ClientAs(ArEditor);
        using var boss = Node.ClientAs(Boss);

        var first = await editor.SubmitWaitingAsync("en", "First try", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{first}/reject", new { reason = "Wrong figure" })).Status);
        var second = await editor.SubmitWaitingAsync("en", "Second try", new { push = true });
        Assert.Equal(HttpStatusCode.Created, (await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{second}/approve")).Status);
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{second}", new { headline = "Second try, corrected" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{second}/approve")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await arEditor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{second}/retract", new { reason = "Not ours" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{second}/retract", new { reason = "Withdrawn" })).Status);

        var audit = await boss.GetJsonAsync("/api/v1/audit?after=0&limit=1000");
        var entries = audit.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString(), e.TryGetProperty("alertId", out var a) ? a.GetString() : null))
            .ToList();
        Assert.Equal(
        [
            ("submitted", EnEditor, first), ("rejected", EnChief, first),
            ("submitted", EnEditor, second), ("approved", EnChief, second), ("published", EnChief, second),
            ("corrected", EnEditor, second), ("refused", EnEditor, second), ("refused", ArEditor, second), ("retracted", EnEditor, second),
        ], entries);
        var seqs = audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);

        var paged = await boss.GetJsonAsync($"/api/v1/audit?after={seqs[3]}&limit=2");
        Assert.Equal(seqs[4..6], paged.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(seqs[5], paged.GetProperty("next").GetInt64());
        var arChiefView = await Node.ClientAs(ArChief).GetJsonAsync("/api/v1/audit");
        Assert.Empty(arChiefView.GetProperty("entries").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await Node.ClientAs(ArChief).SendAsync(HttpMethod.Get, "/api/v1/audit?edition=en")).Status);

        Assert.Equal(
            [("submitted", EnEditor), ("approved", EnChief), ("published", EnChief), ("corrected", EnEditor), ("retracted", EnEditor)],
            await editor.HistoryAsync(second));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
