using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// A key file without a project, or an unreadable key, fails the start with a message naming the setting, not the first push.
/// Application Default Credentials are looked up at the first push: finding them can mean asking a metadata server.
/// </summary>
internal sealed class FcmCredentialsRules : IValidateOptions<FcmOptions>
{
    public ValidateOptionsResult Validate(string? name, FcmOptions options)
    {
        var hasProject = !string.IsNullOrWhiteSpace(options.ProjectId);
        var hasFile = !string.IsNullOrWhiteSpace(options.CredentialsFile);
        if (hasFile && !hasProject)
        {
            return ValidateOptionsResult.Fail("Alerts:Fcm:CredentialsFile is set but Alerts:Fcm:ProjectId is not; push needs the project.");
        }

        if (!hasFile)
        {
            return ValidateOptionsResult.Success;
        }

        if (ServiceAccountKey.TryRead(options.CredentialsFile!, out var error) is not { } key)
        {
            return ValidateOptionsResult.Fail($"Alerts:Fcm:CredentialsFile '{options.CredentialsFile}' {error}");
        }

        return key.TokenUri is null && options.TokenUrl is null
            ? ValidateOptionsResult.Fail($"Alerts:Fcm:CredentialsFile '{options.CredentialsFile}' has no token_uri; set Alerts:Fcm:TokenUrl.")
            : ValidateOptionsResult.Success;
    }
}
