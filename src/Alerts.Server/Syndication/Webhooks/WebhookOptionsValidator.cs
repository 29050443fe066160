using Microsoft.Extensions.Options;

namespace Alerts.Server.Syndication.Webhooks;

[OptionsValidator]
internal sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>;
