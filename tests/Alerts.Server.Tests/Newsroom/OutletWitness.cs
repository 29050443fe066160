using System.Text;
using Alerts.Server.Tests.Push.Fake;
using Alerts.Server.Tests.Syndication;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// The outlets a matrix node delivers to, as witnesses of what went out: the strict fake FCM (which refuses a message
/// FCM would refuse, and also takes the test phones' sends) and a webhook receiver for every edition. After
/// <see cref="SettleAsync"/> the matrix asks which lines reached them, and the witness checks that everything they got
/// is an event of the log, once, so a delivery nothing in the log accounts for cannot hide.
/// </summary>
internal sealed class OutletWitness : IAsyncDisposable
{
    public const string TestPhone = "matrix-test-phone";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9E5/6QoYJ7Q=";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private string _pushed = "";
    private string _testSent = "";
    private string _hooked = "";

    private OutletWitness(FakeFcm fcm, WebhookReceiver webhooks)
    {
        Fcm = fcm;
        Webhooks = webhooks;
    }

    public FakeFcm Fcm { get; }

    public WebhookReceiver Webhooks { get; }

    public static async Task<OutletWitness> StartAsync() => new(await FakeFcm.StartAsync(), await WebhookReceiver.StartAsync());

    /// <summary>The webhook and the test phone; <see cref="Push.PushNodes"/> adds the fake FCM itself.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Alerts:Push:TestTokens:0"] = TestPhone,
        ["Alerts:Webhooks:matrix:Url"] = Webhooks.Url.ToString(),
        ["Alerts:Webhooks:matrix:Secret"] = Secret,
        ["Alerts:WebhookDelivery:FirstRetryDelay"] = "00:00:00.100",
        ["Alerts:WebhookDelivery:MaxRetryDelay"] = "00:00:00.400",
        ["Alerts:WebhookDelivery:PollInterval"] = "00:00:00.050",
        ["Alerts:WebhookDelivery:RequestTimeout"] = "00:00:01",
        ["Alerts:WebhookDelivery:LeaseDuration"] = "00:00:02",
    };

    /// <summary>
    /// Waits until the webhook has every event up to <paramref name="latestSeq"/> and FCM the push of
    /// <paramref name="lastPushedId"/> (the log's last event, so every push before it was queued), then for FCM to be
    /// quiet for a second; returns what broke "everything delivered is the log's, once".
    /// </summary>
    public async Task<List<string>> SettleAsync(long latestSeq, string lastPushedId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((Seqs().Count < latestSeq || !Fcm.Received.Any(s => s.AlertId == lastPushedId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        for (var count = -1; count != Fcm.Received.Count && DateTime.UtcNow < deadline;)
        {
            count = Fcm.Received.Count;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var events = Webhooks.Received.Select(r => r.Event).ToList();
        var failures = new List<string>();
        var seqs = Seqs();
        if (!seqs.SetEquals(Enumerable.Range(1, (int)latestSeq).Select(s => (long)s)))
        {
            failures.Add($"the webhook got seqs {string.Join(",", seqs.Order())}, the log holds 1..{latestSeq}");
        }

        var logged = events.Select(e => (Seq: e.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Id: e.GetProperty("alert").GetProperty("id").GetString(), Type: e.GetProperty("type").GetString())).ToHashSet();
        var tests = Fcm.Received.Where(IsTest).ToList();
        foreach (var push in Fcm.Received.Except(tests))
        {
            var data = push.Message.GetProperty("data");
            if (!logged.Contains((data.GetProperty("seq").GetString()!, push.AlertId, push.Type)))
            {
                failures.Add($"FCM got a push no event of the log accounts for: {push.Message}");
            }
        }

        _pushed = string.Join("\n", Fcm.Received.Except(tests).Select(s => s.Message.ToString()));
        _testSent = string.Join("\n", tests.Select(s => s.Message.ToString()));
        _hooked = string.Join("\n", Webhooks.Received.Select(r => Encoding.UTF8.GetString(r.Body)));
        return failures;
    }

    /// <summary>A push to phones carried <paramref name="line"/>.</summary>
    public bool Pushed(string line) => _pushed.Contains(line, StringComparison.Ordinal);

    /// <summary>A test phone was sent <paramref name="line"/>.</summary>
    public bool TestSent(string line) => _testSent.Contains(line, StringComparison.Ordinal);

    /// <summary>A webhook delivery carried <paramref name="line"/>.</summary>
    public bool Hooked(string line) => _hooked.Contains(line, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        await Fcm.DisposeAsync();
    }

    private static bool IsTest(FakeSend send) =>
        send.Token == TestPhone || (send.Message.TryGetProperty("data", out var data) && data.TryGetProperty("test", out _));

    private HashSet<long> Seqs() => Webhooks.Received.Select(r => r.Seq).ToHashSet();
}
