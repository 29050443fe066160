using Microsoft.Extensions.Options;

namespace Alerts.Server.Desk;

[OptionsValidator]
internal sealed partial class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>;
