using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>
/// Runs a <see cref="WebhookWorker"/> for every configured webhook and each of its editions. Every
/// node runs them all; the lease in Redis lets one node at a time deliver for each pair.
/// </summary>
internal sealed class WebhookDispatcher(
    IOptions<WebhooksOptions> webhooks,
    IOptions<WebhookDeliveryOptions> delivery,
    Taxonomy taxonomy,
    IConnectionMultiplexer redis,
    WebhookKeys keys,
    NodeIdentity node,
    IAlertLog log,
    WebhookPayload payload,
    WebhookSender sender,
    WebhookDeliveryLog deliveries,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly List<WebhookWorker> _workers = [];

    /// <summary>
    /// Places every new cursor at the log's end before the node serves requests, so an alert
    /// published once the node answers is one the webhook receives.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var cursors = webhooks.Value.Webhooks
            .SelectMany(hook => hook.Value.EditionsIn(taxonomy)
                .Select(edition => (Options: hook.Value, Cursor: new WebhookCursor(redis, keys, node, hook.Key, edition))))
            .ToList();
        if (cursors.Count > 0)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var latest = await log.ReadLatestSeqsAsync(timeout.Token);
                await Task.WhenAll(cursors.Select(c => c.Cursor.ReadOrStartAtAsync(latest[c.Cursor.Edition], timeout.Token)));
            }
            catch (Exception e) when (e is RedisException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                WebhookLog.StartCursorsFailed(logger, e);
            }
        }

        _workers.AddRange(cursors.Select(c => new WebhookWorker(c.Cursor, c.Options, delivery.Value, log, payload, sender, deliveries, time, logger)));
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_workers.Select(worker => Task.Run(() => worker.RunAsync(stoppingToken), CancellationToken.None)));
}
