using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

[OptionsValidator]
internal sealed partial class FcmOptionsValidator : IValidateOptions<FcmOptions>;
