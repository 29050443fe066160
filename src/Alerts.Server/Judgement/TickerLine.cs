using Alerts.Core.Editions;

namespace Alerts.Server.Judgement;

/// <summary>The line a ticker would show: the edition's breaking label and direction with the headline and its link.</summary>
internal sealed record TickerLine(string Edition, string Label, TextDirection Direction, string Headline, string? Url, string Urgency);
