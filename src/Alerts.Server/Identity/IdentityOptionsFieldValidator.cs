using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

[OptionsValidator]
internal sealed partial class IdentityOptionsFieldValidator : IValidateOptions<IdentityOptions>;
