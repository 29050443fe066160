using System.ComponentModel.DataAnnotations;
using Alerts.Core.Duplicates;

namespace Alerts.Server.Judgement;

/// <summary>The <c>Alerts:Duplicates</c> section: the near-duplicate guard.</summary>
internal sealed class DuplicateOptions
{
    public const string SectionName = "Alerts:Duplicates";

    /// <summary>How far back a new line is compared with the edition's lines; <c>00:00:00</c> turns the guard off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The similarity (0–1) from which a line is refused as a near-duplicate; see docs/duplicates.md.</summary>
    [Range(0.05, 1.0)]
    public double Threshold { get; set; } = HeadlineSimilarity.DefaultThreshold;
}
