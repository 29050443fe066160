using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting;

[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
