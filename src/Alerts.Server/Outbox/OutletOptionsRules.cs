using Microsoft.Extensions.Options;

namespace Alerts.Server.Outbox;

/// <summary>The rule between an outlet's retry settings; the message names the outlet's configuration section.</summary>
internal sealed class OutletOptionsRules(IEnumerable<OutletSection> sections) : IValidateOptions<OutletOptions>
{
    public ValidateOptionsResult Validate(string? name, OutletOptions options)
    {
        var section = sections.FirstOrDefault(s => s.Name == name)?.Section ?? $"outlet '{name}'";
        return options.MaxRetryDelay < options.FirstRetryDelay
            ? ValidateOptionsResult.Fail($"{section}:MaxRetryDelay must not be shorter than FirstRetryDelay.")
            : ValidateOptionsResult.Success;
    }
}
