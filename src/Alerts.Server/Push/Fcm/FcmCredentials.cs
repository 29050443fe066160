using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// The OAuth access token every FCM call carries: from <c>Alerts:Fcm:CredentialsFile</c> when set, else
/// Google's Application Default Credentials (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, workload identity,
/// the metadata server). Google.Apis.Auth caches the token, refreshes it before it expires and lets
/// concurrent callers share one refresh; this adds a forced refresh after a 401 that also happens
/// once, however many calls saw the same rejected token.
/// </summary>
internal sealed class FcmCredentials : IDisposable
{
    public static readonly string[] Scopes = ["https://www.googleapis.com/auth/firebase.messaging", "https://www.googleapis.com/auth/cloud-platform"];

    private readonly Lazy<Task<ICredential>> _credential;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    // Built on first use: a node with push disabled has no credentials to find.
    public FcmCredentials(IOptions<FcmOptions> options) =>
        _credential = new(() => options.Value.CredentialsFile is { Length: > 0 } ? Task.FromResult(FromKeyFile(options.Value)) : ApplicationDefaultAsync());

    private static ICredential FromKeyFile(FcmOptions settings)
    {
        var key = ServiceAccountKey.TryRead(settings.CredentialsFile!, out var error)
            ?? throw new InvalidOperationException($"Alerts:Fcm:CredentialsFile {error}");
        var tokenUrl = settings.TokenUrl?.ToString() ?? key.TokenUri!;
        return new ServiceAccountCredential(new ServiceAccountCredential.Initializer(key.ClientEmail, tokenUrl)
        {
            ProjectId = settings.ProjectId,
            KeyId = key.PrivateKeyId,
            Scopes = Scopes,
            // The push sender owns retries (backoff with jitter, capped, stopping at the alert's expiry); a second policy underneath would hide failures for seconds.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        }.FromPrivateKey(key.PrivateKey));
    }

    private static async Task<ICredential> ApplicationDefaultAsync()
    {
        var credential = await GoogleCredential.GetApplicationDefaultAsync();
        return credential.IsCreateScopedRequired ? credential.CreateScoped(Scopes) : credential;
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        await (await _credential.Value.WaitAsync(cancellationToken)).GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>Fetches a new token unless another caller already replaced <paramref name="rejectedToken"/>.</summary>
    public async Task RefreshAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        var credential = await _credential.Value.WaitAsync(cancellationToken);
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            switch ((credential as GoogleCredential)?.UnderlyingCredential ?? credential)
            {
                case ServiceCredential service when service.Token?.AccessToken == rejectedToken:
                    await service.RequestAccessTokenAsync(cancellationToken);
                    break;
                case UserCredential user when user.Token?.AccessToken == rejectedToken:
                    await user.RefreshTokenAsync(cancellationToken);
                    break;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();
}
