using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using StackExchange.Redis;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Reads where a webhook stands in each of its editions, for the delivery report.</summary>
internal sealed class WebhookCursors(IConnectionMultiplexer redis, WebhookKeys keys, NodeIdentity node, Taxonomy taxonomy)
{
    public async Task<IReadOnlyDictionary<string, long?>> ReadAsync(string name, WebhookOptions webhook, CancellationToken cancellationToken)
    {
        var positions = new SortedDictionary<string, long?>(StringComparer.Ordinal);
        foreach (var edition in webhook.EditionsIn(taxonomy))
        {
            positions[edition] = await new WebhookCursor(redis, keys, node, name, edition).ReadAsync(cancellationToken);
        }

        return positions;
    }
}
