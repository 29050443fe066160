using Alerts.Core.Alerts;
using Alerts.Core.Editions;

namespace Alerts.Server.Syndication;

/// <summary>What a feed shows: the edition, its lines newest first, and when the newest change happened.</summary>
internal sealed record FeedSnapshot(Edition Edition, IReadOnlyList<Alert> Lines, DateTimeOffset Updated);
