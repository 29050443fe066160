using Alerts.Core.Alerts;
using Alerts.Core.Editions;

namespace Alerts.Server.Syndication;

/// <summary>
/// What a feed shows: the edition, its lines newest first, when the newest change happened, and
/// until when the lines stand if no event comes (the moment the first of them leaves).
/// </summary>
internal sealed record FeedSnapshot(Edition Edition, IReadOnlyList<Alert> Lines, DateTimeOffset Updated, DateTimeOffset StandsUntil);
