using System.Text.Json;
using Alerts.Core.Serialization;
using Alerts.Server.Push.Fcm;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Push.Devices;

/// <summary>
/// Mirrors registrations into the contract's FCM topics. Changes wait in a Redis list so that many
/// registrations become few Instance ID calls (up to 1,000 tokens per topic per call) and any node can send them.
/// </summary>
internal sealed class TopicMirror(
    IConnectionMultiplexer redis, PushKeys keys, PushStatus status, IFirebaseMessaging fcm, IOptions<PushOptions> options, ILogger<TopicMirror> logger)
    : BackgroundService
{
    private const int ChangesPerRound = FcmHttpClient.MaxTokensPerTopicCall;

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
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // A failed round must not stop the host; its changes were put back unless Redis itself failed.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PushLog.DispatcherFailed(logger, e);
                await Task.Delay(options.Value.RetryDelay * 10, stoppingToken);
            }
        }
    }

    private async Task<int> MirrorRoundAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var popped = await database.ListLeftPopAsync(keys.MirrorQueue, ChangesPerRound).WaitAsync(cancellationToken);
        if (popped is null || popped.Length == 0)
        {
            return 0;
        }

        var changes = popped.Select(p => JsonSerializer.Deserialize<TopicChange>((string)p!, AlertsJson.Options)!).ToList();
        try
        {
            await ApplyAsync(changes.SelectMany(c => c.Remove.Select(t => (Topic: t, c.Token))), fcm.UnsubscribeFromTopicAsync, cancellationToken);
            await ApplyAsync(changes.SelectMany(c => c.Add.Select(t => (Topic: t, c.Token))), fcm.SubscribeToTopicAsync, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Back in the queue for a later round; subscribing twice is harmless.
            await database.ListRightPushAsync(keys.MirrorQueue, popped).WaitAsync(cancellationToken);
            throw;
        }

        return popped.Length;
    }

    private async Task ApplyAsync(
        IEnumerable<(string Topic, string Token)> pairs,
        Func<IReadOnlyList<string>, string, CancellationToken, Task<TopicManagementResponse>> call,
        CancellationToken cancellationToken)
    {
        foreach (var topic in pairs.GroupBy(p => p.Topic, p => p.Token))
        {
            var tokens = topic.Distinct(StringComparer.Ordinal).ToList();
            var response = await call(tokens, topic.Key, cancellationToken);
            foreach (var error in response.Errors)
            {
                PushLog.MirrorFailed(logger, tokens[error.Index], error.Reason);
            }
        }
    }
}
