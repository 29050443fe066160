using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

/// <summary>
/// Fills what configuration left empty with the contract's defaults. Done here rather than as
/// property initialisers because configuration binding adds to collections instead of replacing them.
/// </summary>
internal sealed class AlertsOptionsDefaults : IPostConfigureOptions<AlertsOptions>
{
    public void PostConfigure(string? name, AlertsOptions options)
    {
        if (options.Editions.Count == 0)
        {
            options.Editions["en"] = new EditionOptions { Name = "English", Language = "en", Direction = "ltr", BreakingLabel = "BREAKING" };
            options.Editions["ar"] = new EditionOptions { Name = "العربية", Language = "ar", Direction = "rtl", BreakingLabel = "عاجل" };
            options.Editions["es"] = new EditionOptions { Name = "Español", Language = "es", Direction = "ltr", BreakingLabel = "ÚLTIMA HORA" };
        }

        if (options.Sections.Count == 0)
        {
            options.Sections.AddRange(["politics", "economy", "sports", "arts-culture", "health", "miscellaneous", "technology", "environment"]);
        }

        if (options.Regions.Count == 0)
        {
            options.Regions.AddRange(["africa", "asia", "asia-pacific", "europe", "latin-america", "mena", "palestine", "us-canada"]);
        }
    }
}
