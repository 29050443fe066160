using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.Limits;

[OptionsValidator]
internal sealed partial class LimitsOptionsValidator : IValidateOptions<LimitsOptions>;
