using Microsoft.Extensions.Options;

namespace Alerts.Server.WebPush;

[OptionsValidator]
internal sealed partial class WebPushOptionsValidator : IValidateOptions<WebPushOptions>;
