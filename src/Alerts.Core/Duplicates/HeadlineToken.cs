namespace Alerts.Core.Duplicates;

/// <summary>One folded word or number of a headline, and what separated it from the one before.</summary>
/// <param name="Text">The folded word, or a number as ASCII digits (decimal point '.', no grouping).</param>
/// <param name="IsNumber">Whether <paramref name="Text"/> is a number.</param>
/// <param name="StartsSegment">A comma, dash, colon, bracket or full stop came before it.</param>
/// <param name="FollowsColon">A colon came before it: what precedes may be a source ("Gaza Health Ministry:").</param>
internal readonly record struct HeadlineToken(string Text, bool IsNumber, bool StartsSegment, bool FollowsColon);
