using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

[OptionsValidator]
internal sealed partial class MetricsOptionsValidator : IValidateOptions<MetricsOptions>;
