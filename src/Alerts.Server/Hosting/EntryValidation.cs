using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

/// <summary>
/// Validates the data annotations of each entry of a configuration dictionary; the options
/// validator source generator handles lists but not dictionaries.
/// </summary>
internal static class EntryValidation
{
    public static ValidateOptionsResult Validate<T>(string section, IReadOnlyDictionary<string, T> entries)
        where T : notnull
    {
        var failures = new List<string>();
        foreach (var (name, entry) in entries)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(entry, new ValidationContext(entry), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{section}:{name}: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
