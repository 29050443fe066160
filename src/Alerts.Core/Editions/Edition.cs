namespace Alerts.Core.Editions;

/// <summary>A language edition of the newsroom.</summary>
/// <param name="Key">The slug used in paths, topics and keys, such as <c>en</c>.</param>
/// <param name="Name">Its display name, such as <c>English</c>.</param>
/// <param name="Language">A BCP 47 language tag for the <c>lang</c> attribute.</param>
/// <param name="Direction">Left-to-right or right-to-left.</param>
/// <param name="BreakingLabel">The label of the breaking bar and of push titles, such as <c>عاجل</c>.</param>
public sealed record Edition(string Key, string Name, string Language, TextDirection Direction, string BreakingLabel);
