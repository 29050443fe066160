using System.Net;
using System.Text.Json;
using Alerts.Core.Desk;
using Alerts.Server.Tests.Desk;
using Alerts.Server.Tests.Infrastructure;
using Alerts.Server.Tests.Push;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Alerts.Server.Tests.Desk.DeskKeyring;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// The desk's guarantees on every path, generated: every endpoint that changes or reveals an alert × role (editor,
/// chief, admin) × in or out of the key's editions × approval mode × scope × the alert's state. Each case checks
/// the answer (worked out from the Core approval rule, not listed by hand) and, for a refusal, that the log and the
/// alert are unchanged, the attempt is audited, and neither the strict fake FCM (test phones included) nor a webhook
/// receiver ever got its line; what waits reaches neither, what is published (or test-sent) reaches them, so the
/// check can fail, and everything they got is an event of the log. One node, FCM and receiver per mode and scope; an
/// alert in a state is reused until a case changes it. <see cref="EveryEndpointThatChangesOrRevealsIsInTheMatrix"/>
/// fails when an endpoint is added without being placed here.
/// </summary>
public sealed class GuaranteesMatrixTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly (string Key, DeskRole Role, bool In)[] Actors =
    [
        (EnEditor, DeskRole.Editor, true), (ArEditor, DeskRole.Editor, false), (EnChief, DeskRole.Chief, true), (ArChief, DeskRole.Chief, false),
        (Boss, DeskRole.Admin, true),
    ];

    private int _lines;

    public static TheoryData<string, string> Modes()
    {
        var modes = new TheoryData<string, string>();
        foreach (var mode in new[] { "off", "editors", "two-person" })
        {
            foreach (var scope in new[] { "push", "all" })
            {
                modes.Add(mode, scope);
            }
        }

        return modes;
    }

    /// <summary>The routes the matrix covers, as <c>METHOD pattern</c>; <see cref="Cases"/> sends each.</summary>
    internal static readonly string[] Covered =
    [
        "POST /api/v1/alerts/", "PATCH /api/v1/alerts/{id}", "POST /api/v1/alerts/{id}/retract", "POST /api/v1/alerts/{id}/approve",
        "POST /api/v1/alerts/{id}/reject", "POST /api/v1/alerts/{id}/cancel", "GET /api/v1/alerts/{id}/history", "GET /api/v1/alerts/{id}/delivery",
        "GET /api/v1/alerts/{id}", "POST /api/v1/alerts/preview", "GET /api/v1/editions/{edition}/audience", "GET /api/v1/stories/{storyId}",
        "GET /api/v1/alerts/", "GET /api/v1/audit", "GET /api/v1/decisions",
    ];

    /// <summary>Routes that need a key or change something, but neither change nor reveal an alert; each with why.</summary>
    internal static readonly Dictionary<string, string> Outside = new()
    {
        ["GET /api/v1/me"] = "the caller's own grant",
        ["GET /api/v1/antiforgery"] = "the signed-in person's own antiforgery token",
        ["POST /signout"] = "ends the caller's own session",
        ["GET /api/v1/keys/"] = "admin only, API keys without secrets (tested in Identity/ManagedKeyTests)",
        ["POST /api/v1/keys/"] = "admin only, makes a key (tested in Identity/ManagedKeyTests)",
        ["POST /api/v1/keys/{name}/rotate"] = "admin only, rotates a key (tested in Identity/ManagedKeyTests)",
        ["DELETE /api/v1/keys/{name}"] = "admin only, revokes a key (tested in Identity/ManagedKeyTests)",
        ["GET /api/v1/webhooks/{name}/deliveries"] = "admin only, a webhook's deliveries of public events",
        ["POST /api/v1/devices/"] = "a phone's registration, public by contract",
        ["DELETE /api/v1/devices/{token}"] = "a phone's unregistration, public by contract",
        ["POST /api/v1/receipts"] = "an app's receipt, public by contract",
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task EveryPathKeepsTheDesksGuarantees(string mode, string scope)
    {
        await using var outlets = await OutletWitness.StartAsync();
        var settings = Settings(outlets.Settings());
        settings["Alerts:Approval:Mode"] = mode;
        settings["Alerts:Approval:Scope"] = scope;
        settings["Alerts:Audit:RefusalsPerKeyPerMinute"] = "10000";
        await using var node = await PushNodes.StartAsync(redis, RedisFixture.NewPrefix(), outlets.Fcm, settings);
        var rule = new ApprovalRule(mode == "two-person" ? ApprovalMode.TwoPerson : Enum.Parse<ApprovalMode>(mode, ignoreCase: true), Enum.Parse<ApprovalScope>(scope, ignoreCase: true));
        var clients = Actors.ToDictionary(a => a.Key, a => node.ClientAs(a.Key));
        using var arranger = WithKey(node.BaseAddress, TestKeys.Admin);
        using var boss = node.ClientAs(Boss);
        var states = new Dictionary<AlertState, string>();
        var failures = new List<string>();
        var sent = new List<(string Where, string Name, string Line, HttpStatusCode Status)>();
        var cases = 0;

        foreach (var (name, send, statesOf, expect, changes) in Cases())
        {
            foreach (var actor in Actors)
            {
                foreach (var state in statesOf(rule))
                {
                    var alertId = state is { } s ? states.TryGetValue(s, out var kept) ? kept : states[s] = await ArrangeAsync(arranger, boss, s) : null;
                    var before = alertId is null ? null : await SnapshotAsync(arranger, alertId);
                    var latestSeq = await node.Public.LatestSeqAsync("en");
                    var refusalsBefore = await RefusalsAsync(boss, actor.Key);
                    var line = NextLine();
                    var (status, body) = await send(clients[actor.Key], alertId, line);
                    var expected = expect(rule, actor.Role, actor.In, state);
                    cases++;
                    var where = $"{name} by {actor.Key} on {state?.ToString() ?? "-"} ({mode}, {scope})";
                    sent.Add((where, name, line, status));
                    if (status != expected)
                    {
                        failures.Add($"{where}: {(int)status}, expected {(int)expected}: {body}");
                    }

                    if ((int)status >= 400)
                    {
                        if (await node.Public.LatestSeqAsync("en") != latestSeq)
                        {
                            failures.Add($"{where}: refused, yet the log moved");
                        }

                        if (alertId is not null && await SnapshotAsync(arranger, alertId) != before)
                        {
                            failures.Add($"{where}: refused, yet the alert changed");
                        }

                        if (status == HttpStatusCode.Forbidden && await RefusalsAsync(boss, actor.Key) != refusalsBefore + 1)
                        {
                            failures.Add($"{where}: refused without exactly one audit line");
                        }
                    }
                    else if (changes && state is { } changed)
                    {
                        states.Remove(changed);
                    }
                }
            }
        }

        // Last in the log and pushed: once it reached FCM, every push queued before it had its turn.
        var lastPushed = await ArrangeAsync(arranger, boss, AlertState.Published, push: true);
        failures.AddRange(await outlets.SettleAsync(await node.Public.LatestSeqAsync("en"), lastPushed));
        failures.AddRange(sent.SelectMany(c => OutletFailures(c.Where, c.Name, c.Line, c.Status, outlets)));
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases broke a guarantee:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task EveryEndpointThatChangesOrRevealsIsInTheMatrix()
    {
        await using var node = await AlertsNode.StartAsync(redis.ConnectionString, RedisFixture.NewPrefix());
        var routes = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null
                || e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is not ("GET" or "HEAD")) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .ToList();

        var unplaced = routes.Where(r => !Covered.Contains(r) && !Outside.ContainsKey(r)).ToList();

        Assert.True(unplaced.Count == 0, $"Endpoints neither in the guarantees matrix nor listed outside it: {string.Join(", ", unplaced)}");
        Assert.Contains("POST /api/v1/alerts/{id}/approve", routes);
    }

    /// <summary>
    /// What the outlets got of a case's line: nothing for a refusal or a preview, nothing yet for a publication that
    /// waits; a webhook (and a push when asked) for one published, and the test phone's message for a test send.
    /// </summary>
    private static IEnumerable<string> OutletFailures(string where, string name, string line, HttpStatusCode status, OutletWitness outlets)
    {
        var (pushed, testSent, hooked) = (outlets.Pushed(line), outlets.TestSent(line), outlets.Hooked(line));
        var publish = name.StartsWith("publish", StringComparison.Ordinal);
        var mustReach = (int)status >= 400 || name == "preview" || (publish && status == HttpStatusCode.Accepted)
            ? (Push: false, Test: false, Hook: false)
            : publish && status == HttpStatusCode.Created ? (Push: name.EndsWith("True", StringComparison.Ordinal), Test: false, Hook: true)
            : name == "preview?send=test" && status == HttpStatusCode.OK ? (Push: false, Test: true, Hook: false)
            : (Push: pushed, Test: testSent, Hook: hooked);
        if (mustReach != (pushed, testSent, hooked))
        {
            yield return $"{where} answered {(int)status}: pushed {pushed}, test-sent {testSent}, webhook {hooked}; expected {mustReach}";
        }
    }

    private enum AlertState
    {
        Pending,
        Scheduled,
        Published,
        Corrected,
        Retracted,
    }

    private delegate Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, string? alertId, string line);

    private static readonly AlertState[] Waiting = [AlertState.Pending, AlertState.Scheduled];
    private static readonly AlertState[] Published = [AlertState.Published, AlertState.Corrected, AlertState.Retracted];

    /// <summary>Each path: what it sends, the states it is tried in, the answer the rules give, and whether a success changes the alert.</summary>
    private static IEnumerable<(string Name, Send Send, Func<ApprovalRule, AlertState?[]> States, Func<ApprovalRule, DeskRole, bool, AlertState?, HttpStatusCode> Expect, bool Changes)> Cases()
    {
        var none = (ApprovalRule _) => new AlertState?[] { null };
        AlertState?[] All(ApprovalRule rule) => [.. Waiting.Concat(Published).Where(s => s != AlertState.Pending || rule.Mode != ApprovalMode.Off).Cast<AlertState?>()];
        static HttpStatusCode Out(bool inEdition, HttpStatusCode otherwise) => inEdition ? otherwise : HttpStatusCode.Forbidden;
        static bool IsWaiting(AlertState? s) => s is AlertState.Pending or AlertState.Scheduled;

        foreach (var push in new[] { false, true })
        {
            yield return ($"publish push={push}", (c, _, line) => c.SendAsync(HttpMethod.Post, "/api/v1/alerts", DeskApi.Body("en", line, new { push })), none,
                (rule, role, inEdition, _) => Out(inEdition, rule.IsNeeded(role, push) ? HttpStatusCode.Accepted : HttpStatusCode.Created), false);
            yield return ($"correct push={push}", (c, id, line) => c.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = line, push }), All,
                (rule, role, inEdition, s) => Out(inEdition, s switch
                {
                    AlertState.Retracted => HttpStatusCode.Conflict,
                    _ when IsWaiting(s) => HttpStatusCode.OK,
                    _ => rule.IsNeededForCorrection(role, push, changesContent: true) ? HttpStatusCode.Accepted : HttpStatusCode.OK,
                }), true);
        }

        yield return ("retract", (c, id, _) => c.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/retract", new { reason = "Matrix" }), All,
            (_, _, inEdition, s) => Out(inEdition, s is AlertState.Published or AlertState.Corrected ? HttpStatusCode.OK : HttpStatusCode.Conflict), true);
        yield return ("retract story", (c, id, _) => c.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/retract", new { reason = "Matrix", story = true }),
            _ => [AlertState.Published, AlertState.Retracted],
            (_, _, inEdition, s) => Out(inEdition, s == AlertState.Published ? HttpStatusCode.OK : HttpStatusCode.Conflict), true);
        foreach (var (action, body) in new[] { ("approve", (object?)null), ("reject", new { reason = "Matrix" }) })
        {
            yield return (action, (c, id, _) => c.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/{action}", body), All,
                (_, role, inEdition, s) => role == DeskRole.Editor ? HttpStatusCode.Forbidden : Out(inEdition, s == AlertState.Pending
                    ? action == "approve" ? HttpStatusCode.Created : HttpStatusCode.OK
                    : HttpStatusCode.Conflict), true);
        }

        yield return ("cancel", (c, id, _) => c.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/cancel"), All,
            (_, _, inEdition, s) => Out(inEdition, IsWaiting(s) ? HttpStatusCode.OK : HttpStatusCode.Conflict), true);
        yield return ("history", (c, id, _) => c.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}/history"), All,
            (_, _, inEdition, _) => Out(inEdition, HttpStatusCode.OK), false);
        yield return ("delivery", (c, id, _) => c.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{id}/delivery"), All,
            (_, _, inEdition, s) => IsWaiting(s) ? HttpStatusCode.NotFound : Out(inEdition, HttpStatusCode.OK), false);
        yield return ("read", (c, id, _) => ReadAsync(c, id!), All,
            (_, _, inEdition, s) => IsWaiting(s) && !inEdition ? HttpStatusCode.NotFound : HttpStatusCode.OK, false);
        yield return ("story", (c, id, _) => ReadAsync(c, id!, story: true), _ => [AlertState.Published, AlertState.Retracted],
            (_, _, _, _) => HttpStatusCode.OK, false);
        foreach (var send in new[] { "", "?send=test" })
        {
            yield return ($"preview{send}", (c, _, line) => c.SendAsync(HttpMethod.Post, $"/api/v1/alerts/preview{send}", DeskApi.Body("en", line, new { push = true })), none,
                (_, _, inEdition, _) => Out(inEdition, HttpStatusCode.OK), false);
        }

        yield return ("audience", (c, _, _) => c.SendAsync(HttpMethod.Get, "/api/v1/editions/en/audience"), none,
            (_, _, inEdition, _) => Out(inEdition, HttpStatusCode.OK), false);
        yield return ("waiting list", (c, _, _) => c.SendAsync(HttpMethod.Get, "/api/v1/alerts?edition=en"), none,
            (_, _, inEdition, _) => Out(inEdition, HttpStatusCode.OK), false);
        yield return ("decisions", (c, _, _) => c.SendAsync(HttpMethod.Get, "/api/v1/decisions?edition=en"), none,
            (_, _, inEdition, _) => Out(inEdition, HttpStatusCode.OK), false);
        yield return ("audit", (c, _, _) => c.SendAsync(HttpMethod.Get, "/api/v1/audit?edition=en"), none,
            (_, role, inEdition, _) => role == DeskRole.Editor ? HttpStatusCode.Forbidden : Out(inEdition, HttpStatusCode.OK), false);
    }

    /// <summary>
    /// The alert, or its story; a key outside the edition must see a retracted one without its text or reason
    /// (a 500 stands for a leak, which no case expects).
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpClient client, string alertId, bool story = false)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Get, story ? $"/api/v1/stories/{alertId}" : $"/api/v1/alerts/{alertId}");
        var text = body.ValueKind == JsonValueKind.Undefined ? "" : body.ToString();
        return text.Contains("\"retractionReason\"", StringComparison.Ordinal) && client.DefaultRequestHeaders.Authorization!.Parameter!.StartsWith("ar-", StringComparison.Ordinal)
            ? (HttpStatusCode.InternalServerError, body)
            : (status, body);
    }

    /// <summary>
    /// An alert of <c>en</c> brought to <paramref name="state"/> by the arranger (the node's admin key, never an actor of a case; a
    /// pending one by its editor key), approved by the desk's admin where the rule holds it.
    /// </summary>
    private async Task<string> ArrangeAsync(HttpClient arranger, HttpClient approver, AlertState state, bool push = false)
    {
        var line = NextLine();
        object extra = state switch
        {
            AlertState.Pending => new { push = true },
            AlertState.Scheduled => new { publishAt = DeskApi.In(3600) },
            _ => new { push },
        };
        using var submitter = state == AlertState.Pending ? WithKey(arranger.BaseAddress!, TestKeys.Editor) : null;
        var (status, body) = await (submitter ?? arranger).SendAsync(HttpMethod.Post, "/api/v1/alerts", DeskApi.Body("en", line, extra));
        var id = status == HttpStatusCode.Created ? body.GetProperty("alert").GetProperty("id").GetString()! : body.GetProperty("id").GetString()!;
        if (state != AlertState.Pending && status == HttpStatusCode.Accepted && body.GetProperty("status").GetString() == "pending")
        {
            Assert.True((await approver.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status is HttpStatusCode.Created or HttpStatusCode.Accepted);
        }

        if (state == AlertState.Corrected)
        {
            var (corrected, _) = await arranger.SendAsync(HttpMethod.Patch, $"/api/v1/alerts/{id}", new { headline = NextLine() });
            if (corrected == HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.Created, (await approver.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/approve")).Status);
            }
        }

        if (state == AlertState.Retracted)
        {
            Assert.Equal(HttpStatusCode.OK, (await arranger.SendAsync(HttpMethod.Post, $"/api/v1/alerts/{id}/retract", new { reason = "Arranged" })).Status);
        }

        return id;
    }

    private static HttpClient WithKey(Uri baseAddress, string secret)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<string> SnapshotAsync(HttpClient arranger, string alertId) =>
        (await arranger.SendAsync(HttpMethod.Get, $"/api/v1/alerts/{alertId}")).Body.ToString();

    private static async Task<int> RefusalsAsync(HttpClient boss, string actor) =>
        (await boss.GetJsonAsync($"/api/v1/audit?actor={actor}&action=refused&limit=1000")).GetProperty("entries").GetArrayLength();

    // Distinct words, so no two lines of one run read as near-duplicates.
    private string NextLine() => $"Matrix line {Interlocked.Increment(ref _lines)} {Guid.NewGuid():N}";
}
