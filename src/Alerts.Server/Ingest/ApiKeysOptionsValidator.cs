using Alerts.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Ingest;

internal sealed class ApiKeysOptionsValidator : IValidateOptions<ApiKeysOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeysOptions options) =>
        EntryValidation.Validate(ApiKeysOptions.SectionName, options.Keys);
}
