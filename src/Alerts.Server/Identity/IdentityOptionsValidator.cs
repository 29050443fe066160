using Alerts.Core.Editions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>The field rules, then what they cannot say: an http authority only with RequireHttpsMetadata off, a client id, known editions.</summary>
internal sealed class IdentityOptionsValidator(Taxonomy taxonomy) : IValidateOptions<IdentityOptions>
{
    private readonly IdentityOptionsFieldValidator _fields = new();

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>(_fields.Validate(name, options).Failures ?? []);
        if (options.Authority is { } authority)
        {
            if (!authority.IsAbsoluteUri || (authority.Scheme != Uri.UriSchemeHttps && (authority.Scheme != Uri.UriSchemeHttp || options.RequireHttpsMetadata)))
            {
                failures.Add($"{IdentityOptions.SectionName}:Authority must be an absolute https URL (http only with RequireHttpsMetadata=false).");
            }

            if (options.ClientId.Length == 0)
            {
                failures.Add($"{IdentityOptions.SectionName}:ClientId is required with an Authority.");
            }

            if (!options.EffectiveScopes.Contains("openid"))
            {
                failures.Add($"{IdentityOptions.SectionName}:Scopes must include 'openid'.");
            }
        }

        for (var i = 0; i < options.Roles.Count; i++)
        {
            failures.AddRange(options.Roles[i].Editions.Where(e => !taxonomy.Editions.ContainsKey(e))
                .Select(e => $"{IdentityOptions.SectionName}:Roles:{i}:Editions: '{e}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
