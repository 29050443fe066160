using Alerts.Core.Editions;
using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Api;

/// <summary>Checks each key's fields, and that the editions a key is limited to exist, so a typo fails at start instead of locking a desk out.</summary>
internal sealed class ApiKeysOptionsValidator(Taxonomy taxonomy) : IValidateOptions<ApiKeysOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeysOptions options)
    {
        var entries = EntryValidation.Validate(ApiKeysOptions.SectionName, options.Keys);
        var unknown = options.Keys
            .SelectMany(k => k.Value.Editions.Where(e => !taxonomy.Editions.ContainsKey(e)).Select(e => $"{ApiKeysOptions.SectionName}:{k.Key}:Editions: '{e}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}."))
            .ToList();
        return unknown.Count == 0 ? entries : ValidateOptionsResult.Fail([.. entries.Failures ?? [], .. unknown]);
    }
}
