using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

/// <summary>
/// Checks each edition's settings, and that edition, section and region names are slugs: they become Redis keys, FCM topic
/// names (<c>[a-zA-Z0-9-_.~%]+</c>) and URL segments, so anything else would break one of those.
/// </summary>
internal sealed partial class SlugRules : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var named = options.Editions.Keys.Select(k => (Noun: "edition", Value: k))
            .Concat(options.Sections.Select(s => (Noun: "section", Value: s)))
            .Concat(options.Regions.Select(r => (Noun: "region", Value: r)));
        var bad = named.Where(n => !Slug().IsMatch(n.Value)).Select(n => $"{n.Noun} '{n.Value}'").ToList();
        return bad.Count > 0
            ? ValidateOptionsResult.Fail($"Alerts: {string.Join(", ", bad)} must be lower-case slugs (a-z, 0-9, '-'), at most 40 characters.")
            : EntryValidation.Validate("Alerts:Editions", options.Editions);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex Slug();
}
