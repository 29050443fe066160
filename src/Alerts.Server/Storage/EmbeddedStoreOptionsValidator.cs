using Microsoft.Extensions.Options;

namespace Alerts.Server.Storage;

[OptionsValidator]
internal sealed partial class EmbeddedStoreOptionsValidator : IValidateOptions<EmbeddedStoreOptions>;
