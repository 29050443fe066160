using Alerts.Core.Alerts;
using Microsoft.Net.Http.Headers;

namespace Alerts.Server.Api;

/// <summary>
/// The strong ETag of an alert: its version, which each correction raises, and whether it is
/// retracted, because a retraction changes the alert without raising the version.
/// </summary>
internal static class AlertEntityTag
{
    /// <param name="alert">The alert as shown.</param>
    /// <param name="fullRecord">
    /// Whether a retracted alert is shown whole (to an editor) rather than as its public view: two
    /// representations, so two tags.
    /// </param>
    public static EntityTagHeaderValue Of(Alert alert, bool fullRecord = false) => new(alert.Status switch
    {
        AlertStatus.Retracted when fullRecord => $"\"{alert.Version}-retracted-full\"",
        AlertStatus.Retracted => $"\"{alert.Version}-retracted\"",
        _ => $"\"{alert.Version}\"",
    });

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
