using System.Text.RegularExpressions;
using Alerts.Core.Alerts;
using Alerts.Core.Editions;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

/// <summary>Each webhook: its fields, a name fit for keys and paths, a secret that decodes, editions and types that exist.</summary>
internal sealed partial class WebhookRules(Taxonomy taxonomy) : IValidateOptions<WebhooksOptions>
{
    public static readonly IReadOnlySet<string> EventTypes =
        Enum.GetNames<AlertEventType>().Select(t => char.ToLowerInvariant(t[0]) + t[1..]).ToHashSet(StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        var failures = new List<string>();
        var fields = new WebhookOptionsValidator();
        foreach (var (hook, webhook) in options.Webhooks)
        {
            var at = $"Alerts:Webhooks:{hook}";
            if (!WebhookName().IsMatch(hook))
            {
                failures.Add($"{at}: a webhook's name must be a slug (a-z, 0-9, '-'), at most 64 characters.");
            }

            var result = fields.Validate(hook, webhook);
            if (result.Failed)
            {
                failures.AddRange(result.Failures.Select(f => $"{at}: {f}"));
                continue;
            }

            if (!webhook.Url!.IsAbsoluteUri || webhook.Url.Scheme is not ("http" or "https"))
            {
                failures.Add($"{at}:Url must be an absolute http or https URL.");
            }

            if (WebhookSignature.TryDecodeSecret(webhook.Secret!) is not { Length: >= 24 and <= 64 })
            {
                failures.Add($"{at}:Secret must decode to 24 to 64 bytes (e.g. \"whsec_$(head -c 32 /dev/urandom | base64)\").");
            }

            failures.AddRange(webhook.Editions.Where(e => !taxonomy.Editions.ContainsKey(e))
                .Select(e => $"{at}:Editions: '{e}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}."));
            failures.AddRange(webhook.Types.Where(t => !EventTypes.Contains(t))
                .Select(t => $"{at}:Types: '{t}' is not an event type; known: {string.Join(", ", EventTypes)}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex WebhookName();
}
