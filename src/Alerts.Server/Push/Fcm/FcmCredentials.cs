using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Push.Fcm;

/// <summary>
/// The OAuth access token every FCM call carries. Google.Apis.Auth caches it, refreshes it before it
/// expires and lets concurrent callers share one refresh; this adds a forced refresh after a 401 that
/// also happens once, however many calls saw the same rejected token.
/// </summary>
internal sealed class FcmCredentials : IDisposable
{
    public static readonly string[] Scopes = ["https://www.googleapis.com/auth/firebase.messaging", "https://www.googleapis.com/auth/cloud-platform"];

    private readonly Lazy<ServiceAccountCredential> _credential;
    private readonly SemaphoreSlim _refresh = new(1, 1);

    // Built on first use: a node with push disabled has no key file to read.
    public FcmCredentials(IOptions<FcmOptions> options) => _credential = new(() => Create(options.Value));

    private static ServiceAccountCredential Create(FcmOptions settings)
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

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken) =>
        await _credential.Value.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>Fetches a new token unless another caller already replaced <paramref name="rejectedToken"/>.</summary>
    public async Task RefreshAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_credential.Value.Token?.AccessToken == rejectedToken)
            {
                await _credential.Value.RequestAccessTokenAsync(cancellationToken);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();
}
