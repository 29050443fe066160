using System.Net;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// Approval holds on every path: a correction the rule would hold waits as a pending correction while the published
/// version stays live; nobody who wrote any of what is approved approves it; a content change after approval asks again.
/// </summary>
public sealed class ApprovalOnEveryPathTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private Task<AlertsNode> StartNodeAsync(string scope = "push") =>
        AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix(), settings: Settings(new Dictionary<string, string?>
        {
            ["Alerts:Approval:Mode"] = "two-person",
            ["Alerts:Approval:Scope"] = scope,
        }));

    [Fact]
    public async Task ACorrectionThatPushesWaitsForASecondPersonWhileThePublishedVersionStaysLive()
    {
        await using var node = await StartNodeAsync();
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        var id = await editor.PublishNowAsync("en", "Crowds gather in the square");

        var (status, held) = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}",
            new { headline = "Evacuate the city centre now", urgency = "flash", push = true });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((id, "pending", "correction", EnEditor), (held.GetProperty("id").GetString(), held.GetProperty("status").GetString(),
            held.GetProperty("kind").GetString(), held.GetProperty("submittedBy").GetString()));
        Assert.Equal("Evacuate the city centre now", held.GetProperty("correction").GetProperty("headline").GetString());
        Assert.Equal(1, await node.Public.LatestSeqAsync("en"));
        var live = await node.Public.GetJsonAsync($"/api/v1/alerts/{id}");
        Assert.Equal(("Crowds gather in the square", 1), (live.GetProperty("headline").GetString(), live.GetProperty("version").GetInt32()));
        var pending = await chief.GetJsonAsync("/api/v1/alerts?status=pending");
        var listed = Assert.Single(pending.GetProperty("alerts").EnumerateArray());
        Assert.Equal((id, "correction"), (listed.GetProperty("id").GetString(), listed.GetProperty("kind").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status);
        var (approvedStatus, approved) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");

        Assert.Equal(HttpStatusCode.Created, approvedStatus);
        Assert.Equal(("corrected", "Evacuate the city centre now", EnChief), (approved.GetProperty("type").GetString(),
            approved.GetProperty("alert").GetProperty("headline").GetString(), approved.GetProperty("actor").GetString()));
        Assert.Equal(0, (await chief.GetJsonAsync("/api/v1/alerts?status=pending")).GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task WithScopeAllAnyContentChangeWaitsAndARejectedOneLeavesThePublishedVersion()
    {
        await using var node = await StartNodeAsync(scope: "all");
        using var chief = node.ClientAs(EnChief);
        using var boss = node.ClientAs(Boss);
        var (published, _) = await chief.SendAsync(HttpMethod.Post, "/api/v1/alerts", DeskApi.Body("en", "Talks resume on Monday"));
        Assert.Equal(HttpStatusCode.Accepted, published);
        var id = (await chief.GetJsonAsync("/api/v1/alerts?status=pending")).GetProperty("alerts")[0].GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await boss.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status);

        var (status, _) = await chief.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Talks collapse" });
        var (rejectStatus, rejected) = await boss.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/reject", new { reason = "Not confirmed" });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((HttpStatusCode.OK, "rejected"), (rejectStatus, rejected.GetProperty("status").GetString()));
        Assert.Equal("Talks resume on Monday", (await node.Public.GetJsonAsync($"/api/v1/alerts/{id}")).GetProperty("headline").GetString());
    }

    [Fact]
    public async Task NobodyWhoWroteAnyOfACorrectionApprovesIt()
    {
        await using var node = await StartNodeAsync();
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        using var chief2 = node.ClientAs(EnChief2);
        using var boss = node.ClientAs(Boss);
        var id = await editor.PublishNowAsync("en", "Polls close at eight");
        Assert.Equal(HttpStatusCode.Accepted, (await chief.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Polls close at eight tonight", push = true })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await chief2.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Polls close at nine" })).Status);

        var byAuthor = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");
        var byEditor = await chief2.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");
        var bySecond = await boss.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byAuthor.Status, byEditor.Status));
        Assert.Equal(HttpStatusCode.Created, bySecond.Status);
        Assert.Equal("Polls close at nine", bySecond.Body.GetProperty("alert").GetProperty("headline").GetString());
    }

    [Fact]
    public async Task AChiefWhoEditedAPendingAlertDoesNotApproveIt()
    {
        await using var node = await StartNodeAsync();
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        using var chief2 = node.ClientAs(EnChief2);
        var id = await editor.SubmitWaitingAsync("en", "Army moves to the border", new { push = true });
        Assert.Equal(HttpStatusCode.OK, (await chief.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Evacuate the border towns now" })).Status);

        var byEditor = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");
        var bySecond = await chief2.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.Status);
        Assert.Equal(HttpStatusCode.Created, bySecond.Status);
    }

    [Fact]
    public async Task AContentChangeAfterApprovalClearsItAndTheAlertWaitsAgain()
    {
        await using var node = await StartNodeAsync();
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        var id = await editor.SubmitWaitingAsync("en", "Budget vote tonight", new { push = true, publishAt = DeskApi.In(3600) });
        var (approvedStatus, approved) = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve");
        Assert.Equal((HttpStatusCode.Accepted, "scheduled"), (approvedStatus, approved.GetProperty("status").GetString()));

        var (status, edited) = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = "Budget vote cancelled", push = false });
        var (unscheduledStatus, unscheduled) = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { publishAt = (string?)null });

        Assert.Equal((HttpStatusCode.OK, "pending"), (status, edited.GetProperty("status").GetString()));
        Assert.False(edited.TryGetProperty("approvedBy", out var approvedBy) && approvedBy.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal((HttpStatusCode.OK, "pending"), (unscheduledStatus, unscheduled.GetProperty("status").GetString()));
        Assert.Equal(0, await node.Public.LatestSeqAsync("en"));
    }
}
