using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Hosting;

/// <summary>One edition under <c>Alerts:Editions:{key}</c>.</summary>
internal sealed class EditionOptions
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Language { get; set; } = "";

    [RegularExpression("^(ltr|rtl)$", ErrorMessage = "Direction must be 'ltr' or 'rtl'.")]
    public string Direction { get; set; } = "ltr";

    [Required]
    public string BreakingLabel { get; set; } = "";

    /// <summary>What replaces a retracted alert's notification on phones; empty means the default in the edition's language.</summary>
    public string? RetractedText { get; set; }
}
