using Microsoft.Extensions.Options;

namespace Alerts.Server.Fanout;

[OptionsValidator]
internal sealed partial class FanoutOptionsValidator : IValidateOptions<FanoutOptions>;
