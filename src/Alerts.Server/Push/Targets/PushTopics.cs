using Alerts.Core.Alerts;

namespace Alerts.Server.Push.Targets;

/// <summary>The contract's FCM topic names, and the conditions that reach them (FCM allows at most 5 topics per condition).</summary>
internal static class PushTopics
{
    public const int MaxTopicsPerCondition = 5;

    public static string Edition(string edition) => $"alerts-{edition}";

    public static string Flash(string edition) => $"alerts-{edition}-flash";

    public static string Region(string edition, string region) => $"alerts-{edition}-region-{region}";

    public static string Section(string edition, string section) => $"alerts-{edition}-section-{section}";

    /// <summary>Every topic whose subscribers should get the alert.</summary>
    public static IReadOnlyList<string> For(Alert alert)
    {
        var topics = new List<string> { Edition(alert.Edition) };
        if (alert.Urgency == Urgency.Flash)
        {
            topics.Add(Flash(alert.Edition));
        }

        topics.AddRange(alert.Regions.Select(r => Region(alert.Edition, r)));
        topics.AddRange(alert.Sections.Select(s => Section(alert.Edition, s)));
        return topics;
    }

    /// <summary>
    /// The topics as conditions of at most five each. A device in topics of two conditions gets two
    /// messages; they carry the same tag and collapse id, so it shows one notification.
    /// </summary>
    public static IReadOnlyList<string> Conditions(IReadOnlyList<string> topics) =>
        topics.Chunk(MaxTopicsPerCondition).Select(chunk => string.Join(" || ", chunk.Select(t => $"'{t}' in topics"))).ToList();
}
