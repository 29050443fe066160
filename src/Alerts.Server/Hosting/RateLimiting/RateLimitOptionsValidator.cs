using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.RateLimiting;

[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
