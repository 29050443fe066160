using Microsoft.Extensions.Options;

namespace Alerts.Server.Outbox;

[OptionsValidator]
internal sealed partial class OutletOptionsValidator : IValidateOptions<OutletOptions>;
