using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;
