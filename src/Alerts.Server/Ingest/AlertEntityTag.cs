using Alerts.Core.Alerts;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Ingest;

/// <summary>
/// The strong ETag of an alert: its version, which each correction raises, and whether it is
/// retracted, because a retraction changes the alert without raising the version.
/// </summary>
internal static class AlertEntityTag
{
    public static EntityTagHeaderValue Of(Alert alert) =>
        new(alert.Status == AlertStatus.Retracted ? $"\"{alert.Version}-retracted\"" : $"\"{alert.Version}\"");

    /// <summary>
    /// The tags of the request's <c>If-Match</c>, or null without one. A header that does not parse
    /// yields an empty list, which nothing matches: a garbled precondition must not be ignored.
    /// </summary>
    public static IList<EntityTagHeaderValue>? IfMatchOf(HttpRequest request) =>
        request.Headers.IfMatch.Count == 0 ? null : request.GetTypedHeaders().IfMatch;

    /// <summary>If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches.</summary>
    public static bool Matches(IList<EntityTagHeaderValue> ifMatch, Alert current)
    {
        var tag = Of(current);
        return ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: true));
    }
}
