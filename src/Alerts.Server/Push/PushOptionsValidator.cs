using Microsoft.Extensions.Options;

namespace Alerts.Server.Push;

[OptionsValidator]
internal sealed partial class PushOptionsValidator : IValidateOptions<PushOptions>;
