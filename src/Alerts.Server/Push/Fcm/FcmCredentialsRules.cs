using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

/// <summary>A half-configured or unreadable key fails the start with a message naming the setting, not the first push.</summary>
internal sealed class FcmCredentialsRules : IValidateOptions<FcmOptions>
{
    public ValidateOptionsResult Validate(string? name, FcmOptions options)
    {
        var hasProject = !string.IsNullOrWhiteSpace(options.ProjectId);
        var hasFile = !string.IsNullOrWhiteSpace(options.CredentialsFile);
        if (hasProject != hasFile)
        {
            return ValidateOptionsResult.Fail("Alerts:Fcm:ProjectId and Alerts:Fcm:CredentialsFile enable push together; set both or neither.");
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
