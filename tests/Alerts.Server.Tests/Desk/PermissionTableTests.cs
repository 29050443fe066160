using System.Text.Json;
using Alerts.Server.Tests.Infrastructure;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Desk;

/// <summary>
/// Every editor endpoint × role × inside or outside the key's editions, in <c>editors</c> approval mode. Each
/// answer is checked; after each refusal the edition's log and waiting alerts are checked unchanged and the
/// refusal is checked written to the audit log.
/// </summary>
public sealed class PermissionTableTests(DeskNodeFixture fixture) : IClassFixture<DeskNodeFixture>
{
    private const int Refused = 403;

    // Expected status per endpoint for: editor inside, chief inside, admin. Outside its editions every key gets 403.
    private static readonly (string Endpoint, int Editor, int Chief, int Admin)[] Table =
    [
        ("publish", 201, 201, 201),
        ("list", 200, 200, 200),
        ("correct", 200, 200, 200),
        ("retract", 200, 200, 200),
        ("edit", 200, 200, 200),
        ("cancel", 200, 200, 200),
        ("approve", Refused, 201, 201),
        ("reject", Refused, 200, 200),
        ("history", 200, 200, 200),
        ("delivery", 200, 200, 200),
        ("audit", Refused, 200, 200),
    ];

    public static TheoryData<string, string, string, int> Rows()
    {
        var rows = new TheoryData<string, string, string, int>();
        foreach (var (endpoint, editor, chief, admin) in Table)
        {
            rows.Add(endpoint, EnEditor, "en", editor);
            rows.Add(endpoint, EnEditor, "ar", Refused);
            rows.Add(endpoint, EnChief, "en", chief);
            rows.Add(endpoint, EnChief, "ar", Refused);
            rows.Add(endpoint, Boss, "ar", admin);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EachEndpointAnswersEachRoleInsideAndOutsideItsEditions(string endpoint, string key, string edition, int expected)
    {
        var node = fixture.Node;
        using var submitter = node.ClientAs(TestKeys.EditorName);
        using var boss = node.ClientAs(Boss);
        using var client = node.ClientAs(key);
        var published = await submitter.PublishNowAsync(edition, $"Published for {endpoint}");
        var pending = await submitter.SubmitWaitingAsync(edition, $"Pending for {endpoint}", new { push = true });
        var scheduled = await submitter.SubmitWaitingAsync(edition, $"Scheduled for {endpoint}", new { publishAt = DeskApi.In(600) }, "scheduled");
        var before = await SnapshotAsync(node, boss, edition);

        var (status, body) = endpoint switch
        {
            "publish" => await client.SendAsync(HttpMethod.Post, "/api/v1/alerts", new { edition, headline = "Submitted in the table" }),
            "list" => await client.SendAsync(HttpMethod.Get, $"/api/v1/alerts?status=pending&edition={edition}"),
            "correct" => await client.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{published}", new { headline = "Corrected in the table" }),
            "retract" => await client.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{published}/retract", new { reason = "Table" }),
            "edit" => await client.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{scheduled}", new { headline = "Edited in the table" }),
            "cancel" => await client.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{scheduled}/cancel"),
            "approve" => await client.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{pending}/approve"),
            "reject" => await client.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{pending}/reject", new { reason = "Table" }),
            "history" => await client.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{published}/history"),
            "delivery" => await client.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{published}/delivery"),
            _ => await client.SendAsync(HttpMethod.Get, $"/api/v1/audit?edition={edition}"),
        };

        Assert.True((int)status == expected, $"{endpoint} as {key} on {edition}: expected {expected}, got {(int)status} {body}");
        if (expected == Refused)
        {
            Assert.Equal(before, await SnapshotAsync(node, boss, edition));
            var last = (await boss.GetJsonAsync("/api/v1/audit?limit=1")).GetProperty("entries")[0];
            Assert.Equal(("refused", key, 403), (last.GetProperty("action").GetString(), last.GetProperty("actor").GetString(), last.GetProperty("status").GetInt32()));
        }
    }

    private static async Task<string> SnapshotAsync(AlertsNode node, HttpClient boss, string edition)
    {
        var seq = await node.Public.LatestSeqAsync(edition);
        var waiting = await boss.GetJsonAsync($"/api/v1/alerts?edition={edition}");
        return $"{seq} {JsonSerializer.Serialize(waiting)}";
    }
}
