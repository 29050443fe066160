using System.Globalization;
using System.Net;
using System.Text.Json;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Hosting;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// With <c>Alerts:Redis:WaitReplicas</c>, every acknowledged write waits for the replica, not only log appends;
/// and a request answered 503 after it stored its alert is replayed, once the replica confirms, with that alert.
/// </summary>
public sealed class DurableDeskWritesTests
{
    private static Dictionary<string, string?> WaitingForOneReplica() => Settings(new Dictionary<string, string?>
    {
        ["Alerts:Redis:WaitReplicas"] = "1",
        // Long enough for a replica on a loaded machine to answer; a missing one costs every test this much per write.
        ["Alerts:Redis:WaitTimeout"] = "00:00:01",
        ["Alerts:Approval:Mode"] = "editors",
        ["Alerts:Duplicates:Window"] = "00:30:00",
    });

    [Theory]
    [InlineData(false, HttpStatusCode.Created)]
    [InlineData(true, HttpStatusCode.Accepted)]
    public async Task A503IsReplayedWithItsOwnAlertOnceTheReplicaConfirmsNotRefusedAsItsOwnDuplicate(bool push, HttpStatusCode outcome)
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: WaitingForOneReplica());
        using var editor = node.ClientAs(EnEditor);
        var body = DeskApi.Body("en", "Dam breach floods the valley overnight", new { push });

        var unconfirmed = await IdempotencyFirstTests.SendAsync(editor, "key-503", body);
        await using var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await ReplicationTests.WaitForReplicaLinkAsync(replica);
        var retry = await IdempotencyFirstTests.SendAsync(editor, "key-503", body);
        var again = await IdempotencyFirstTests.SendAsync(editor, "key-503", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unconfirmed.Status);
        Assert.Equal((outcome, true), (retry.Status, retry.Replayed));
        Assert.Equal((outcome, retry.Id), (again.Status, again.Id));
        Assert.Equal(push ? 0 : 1, await node.Public.LatestSeqAsync("en"));
        var waiting = await editor.GetJsonAsync("/api/v1/alerts?edition=en");
        Assert.Equal(push ? [retry.Id] : [], waiting.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AnAlertAnswered503IsShownToNoReaderOrHubClientUntilTheReplicaHasIt()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: WaitingForOneReplica());
        await using var ticker = await TickerClient.ConnectAsync(node);
        await ticker.SubscribeAsync("en", 0);

        var unconfirmed = await IdempotencyFirstTests.SendAsync(node.ClientAs(EnEditor), "key-unseen", DeskApi.Body("en", "Not on any replica yet"));
        // Longer than the relay's consistency check, which backfills whatever the log counter says it missed.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var events = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unconfirmed.Status);
        Assert.Empty(ticker.Received);
        Assert.Equal((0, 0L), (events.GetProperty("events").GetArrayLength(), events.GetProperty("latestSeq").GetInt64()));
        Assert.Equal(0, await node.Public.LatestSeqAsync("en"));

        await using var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await ReplicationTests.WaitForReplicaLinkAsync(replica);
        // The first read after the replica joined confirms the log itself; on a loaded machine its WAIT may time out once.
        await RedisCli.WaitUntilAsync(async () => (await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0")).GetProperty("latestSeq").GetInt64() == 1,
            TimeSpan.FromSeconds(10), "the confirmed event is readable");
        var confirmed = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0");
        Assert.Equal((1, 1L), (confirmed.GetProperty("events").GetArrayLength(), confirmed.GetProperty("latestSeq").GetInt64()));
        await ticker.WaitForSeqAsync("en", 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TheTickerSnapshotAndAResetShowLinesAsTheReplicaHasThemNotAsA503LeftThemOnThePrimary()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await ReplicationTests.WaitForReplicaLinkAsync(replica);
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: WaitingForOneReplica());
        using var editor = node.ClientAs(EnEditor);
        var published = await IdempotencyFirstTests.SendAsync(editor, "key-kept", DeskApi.Body("en", "Bridge closed after the storm"));

        await replica.DisposeAsync();
        var unconfirmed = await IdempotencyFirstTests.SendAsync(editor, "key-lost", DeskApi.Body("en", "Not on any replica yet"));
        var correction = await editor.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{published.Id}", new { headline = "Bridge reopened, says nobody yet" });
        var ticker = await node.Public.GetJsonAsync("/api/v1/editions/en/ticker");
        var reset = await node.Public.GetJsonAsync("/api/v1/editions/en/events?after=0&epoch=a-former-life");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (published.Status, unconfirmed.Status, correction.Status));
        Assert.Equal(["Bridge closed after the storm"], Headlines(ticker.GetProperty("alerts")));
        Assert.True(reset.GetProperty("reset").GetBoolean());
        Assert.Equal(["Bridge closed after the storm"], Headlines(reset.GetProperty("ticker")));
    }

    private static IEnumerable<string?> Headlines(JsonElement lines) => lines.EnumerateArray().Select(a => a.GetProperty("headline").GetString());

    [Fact]
    public async Task WithReplicationCutASubmissionACancelAndAnApprovalAreRefused503()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await ReplicationTests.WaitForReplicaLinkAsync(replica);
        await using var node = await AlertsNode.StartAsync(primary.ConnectionString, "alerts", settings: WaitingForOneReplica());
        using var editor = node.ClientAs(EnEditor);
        using var chief = node.ClientAs(EnChief);
        var toCancel = await editor.SubmitWaitingAsync("en", "Embargoed results of the inquiry", new { push = true, publishAt = DeskApi.In(3600) });
        var toApprove = await editor.SubmitWaitingAsync("en", "Minister resigns over the contracts", new { push = true });

        await replica.DisposeAsync();
        var submitted = await editor.SendAsync(HttpMethod.Post, "/api/v1/alerts", DeskApi.Body("en", "Submitted while nobody replicates", new { push = true }));
        var cancelled = await editor.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{toCancel}/cancel");
        var approved = await chief.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{toApprove}/approve");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submitted.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cancelled.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, approved.Status);
    }
}
