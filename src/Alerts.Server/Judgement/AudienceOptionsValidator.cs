using Microsoft.Extensions.Options;

namespace Alerts.Server.Judgement;

[OptionsValidator]
internal sealed partial class AudienceOptionsValidator : IValidateOptions<AudienceOptions>;
