using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Server.Hosting;
using Alerts.Server.Outbox;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// Mirrors registrations into the contract's FCM topics. Changes wait in a Redis list so that many
/// registrations become few Instance ID calls (up to 1,000 tokens per topic per call) and any node can
/// send them; subscribing or unsubscribing twice is harmless, losing a change is not.
/// </summary>
internal sealed class TopicMirror(
    IConnectionMultiplexer redis, PushKeys keys, PushStatus status, IFirebaseMessaging fcm, IOptions<PushOptions> options, IOptionsMonitor<OutletOptions> outlets,
    ILogger<TopicMirror> logger)
    : BackgroundService
{
    private const int ChangesPerRound = FcmHttpClient.MaxTokensPerTopicCall;

    private static readonly string CommitScript = EmbeddedScript.Load("push/mirror-commit.lua");
    private static readonly string ReleaseScript = EmbeddedScript.Load("push/mirror-release.lua");

    private static readonly TimeSpan LockLifetime = TimeSpan.FromMinutes(1);

    private readonly string _owner = Guid.NewGuid().ToString("N");

    public async Task EnqueueAsync(string token, IReadOnlyList<string> topics, IReadOnlyList<string> previousTopics, CancellationToken cancellationToken)
    {
        if (!status.IsEnabled)
        {
            return;
        }

        var change = new TopicChange(token, topics, previousTopics.Except(topics).ToList());
        await redis.GetDatabase().ListRightPushAsync(keys.MirrorQueue, JsonSerializer.Serialize(change, AlertsJson.Options)).WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!status.IsEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await MirrorRoundAsync(stoppingToken) < ChangesPerRound)
                {
                    // Polled as often as the FCM outlet polls the log.
                    await Task.Delay(outlets.Get(PushOptions.OutletName).PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A failed round must not stop the host; its changes stay in the list for the next round.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PushLog.DispatcherFailed(logger, e);
                await Task.Delay(options.Value.RetryDelay * 10, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Sends the oldest changes under a short lock, and removes them from the list only after Instance ID
    /// took them and only if the lock is still this node's: a node dying mid-round leaves them for the next.
    /// </summary>
    private async Task<int> MirrorRoundAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (!await database.StringSetAsync(keys.MirrorLock, _owner, LockLifetime, When.NotExists).WaitAsync(cancellationToken))
        {
            return 0;
        }

        var committed = false;
        try
        {
            var entries = await database.ListRangeAsync(keys.MirrorQueue, 0, ChangesPerRound - 1).WaitAsync(cancellationToken);
            if (entries.Length == 0)
            {
                return 0;
            }

            var wanted = FinalTopics(entries.Select(e => JsonSerializer.Deserialize<TopicChange>((string)e!, AlertsJson.Options)!));
            await ApplyAsync(wanted.Where(w => !w.Subscribed), fcm.UnsubscribeFromTopicAsync, cancellationToken);
            await ApplyAsync(wanted.Where(w => w.Subscribed), fcm.SubscribeToTopicAsync, cancellationToken);
            committed = (long)await database.ScriptEvaluateAsync(CommitScript, [keys.MirrorLock, keys.MirrorQueue], [_owner, entries.Length])
                .WaitAsync(cancellationToken) == 1;
            return entries.Length;
        }
        finally
        {
            if (!committed)
            {
                await database.ScriptEvaluateAsync(ReleaseScript, [keys.MirrorLock], [_owner]);
            }
        }
    }

    /// <summary>Each token's last word on each topic, so a device that changed twice in one round ends where it last asked to be.</summary>
    private static List<(string Topic, string Token, bool Subscribed)> FinalTopics(IEnumerable<TopicChange> changes)
    {
        var last = new Dictionary<(string Topic, string Token), bool>();
        foreach (var change in changes)
        {
            foreach (var topic in change.Remove)
            {
                last[(topic, change.Token)] = false;
            }

            foreach (var topic in change.Add)
            {
                last[(topic, change.Token)] = true;
            }
        }

        return last.Select(p => (p.Key.Topic, p.Key.Token, p.Value)).ToList();
    }

    private async Task ApplyAsync(
        IEnumerable<(string Topic, string Token, bool Subscribed)> pairs,
        Func<IReadOnlyList<string>, string, CancellationToken, Task<TopicManagementResponse>> call,
        CancellationToken cancellationToken)
    {
        foreach (var topic in pairs.GroupBy(p => p.Topic, p => p.Token))
        {
            var tokens = topic.Distinct(StringComparer.Ordinal).ToList();
            var response = await call(tokens, topic.Key, cancellationToken);
            foreach (var error in response.Errors)
            {
                PushLog.MirrorFailed(logger, LoggedToken.Of(tokens[error.Index]), error.Reason);
            }
        }
    }
}
