using Microsoft.Extensions.Options;

namespace Alerts.Server.Hubs.Direct;

[OptionsValidator]
internal sealed partial class DirectHubOptionsValidator : IValidateOptions<DirectHubOptions>;
